-- Every change to a user row (password, role, binding, disable/enable, delete) is announced on the
-- channel app_users_changed with the user name, at commit. Each server instance listens and drops its
-- in-memory copy of that user (security.UserDirectory), so sign-in checks need no query per request
-- and a disabled user is refused on every instance as soon as the change commits.
create function app_users_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('app_users_changed', old.username);
    if tg_op = 'UPDATE' and new.username is distinct from old.username then
        perform pg_notify('app_users_changed', new.username);
    end if;
    return null;
end $$;
create trigger app_users_changed after update or delete on app_users
    for each row execute function app_users_changed();
