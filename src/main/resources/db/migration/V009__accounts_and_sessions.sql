-- Accounts that an ADMIN can disable, and server-side sessions of the sign-in form
-- (README "Accounts and sessions").

-- A disabled user cannot sign in; its sessions end at once.
alter table app_users add column enabled boolean not null default true;
-- Raised on every password change, disable and enable: a session or a remembered password of an
-- older version is no longer accepted, on every instance.
alter table app_users add column credentials_version integer not null default 0;
alter table app_users add column password_changed_at timestamptz;

-- One row per form sign-in. The browser holds a random token; only its SHA-256 is stored, so a
-- reader of the database cannot take over a session.
create table user_sessions (
    token_hash           char(64)     primary key,
    username             varchar(64)  not null references app_users (username) on delete cascade,
    credentials_version  integer      not null,
    client_address       varchar(64),
    created_at           timestamptz  not null,
    last_seen_at         timestamptz  not null,
    ended_at             timestamptz,
    end_reason           varchar(32)
);
create index user_sessions_open on user_sessions (username) where ended_at is null;
