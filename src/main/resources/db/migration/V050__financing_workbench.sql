-- The banks' and guarantors' workbench (DOMAIN.md §7): the queue as a decision table, lending
-- limits per institution, saved queue filters per officer.

-- What an institution holds on a request it claimed: the requested amount from the claim, its
-- highest offer once it offered, the accepted offer's amount once accepted (outstanding, README).
alter table financing_requests add column held_amount numeric(18, 2);

-- Sums of what an institution holds, per debtor, per seller and in total: one index range each.
create index financing_requests_held_debtor on financing_requests (claimed_by, debtor_uscc)
    where status in ('CLAIMED', 'OFFERED', 'ACCEPTED', 'DISBURSED');
create index financing_requests_held_seller on financing_requests (claimed_by, seller_uscc)
    where status in ('CLAIMED', 'OFFERED', 'ACCEPTED', 'DISBURSED');
create index financing_requests_guaranteed on financing_requests (guarantor_code, seller_uscc)
    where guarantor_code is not null;

-- The queue's sort and filter keys, copied onto the route row when the request is routed and kept
-- in step by the trigger below, so that every sort of the queue is one range of a partial index.
-- The firms' lists and registration are those at routing (a list published later shows in the
-- queue's snapshot columns, read live, but does not move the request between filters).
alter table financing_routes
    add column amount           numeric(18, 2),
    add column requested_amount numeric(18, 2),
    add column term_days        integer,
    add column grade_rank       smallint,
    add column score            integer,
    add column pickup_deadline  timestamptz,
    add column seller_list      varchar(8),
    add column debtor_list      varchar(8),
    add column industry_code    varchar(5) collate "C",
    add column registered_on    date;

create index financing_routes_q_amount on financing_routes (institution_code, amount, request_id) where queued;
create index financing_routes_q_requested on financing_routes (institution_code, requested_amount, request_id) where queued;
create index financing_routes_q_term on financing_routes (institution_code, term_days, request_id) where queued;
create index financing_routes_q_grade on financing_routes (institution_code, grade_rank, score desc, request_id desc) where queued;
create index financing_routes_q_pickup on financing_routes (institution_code, pickup_deadline, request_id) where queued;
create index financing_routes_q_age on financing_routes (institution_code, registered_on, request_id) where queued;
create index financing_routes_q_industry on financing_routes (institution_code, industry_code, request_id) where queued;

-- grade as a rank, best first: EXCELLENT 1, MIXED 2, POOR 3, REJECTED 4
create function financing_grade_rank(grade varchar) returns smallint language sql immutable as $$
    select case grade when 'EXCELLENT' then 1 when 'MIXED' then 2 when 'POOR' then 3 else 4 end::smallint
$$;

-- the latest published list of a firm (NONE when it is on none)
create function financing_latest_list(firm char) returns varchar language sql stable as $$
    select coalesce((select c.list from classification_results c join classification_runs r on r.id = c.run_id
                     where c.uscc = firm and r.status = 'PUBLISHED' order by r.year desc limit 1), 'NONE')
$$;

create function financing_routes_keys() returns trigger language plpgsql as $$
begin
    select r.amount, r.requested_amount, r.term_days, financing_grade_rank(r.grade), r.score, r.pickup_deadline,
           financing_latest_list(r.seller_uscc), financing_latest_list(r.debtor_uscc), e.industry_code, e.registered_on
      into new.amount, new.requested_amount, new.term_days, new.grade_rank, new.score, new.pickup_deadline,
           new.seller_list, new.debtor_list, new.industry_code, new.registered_on
      from financing_requests r left join enterprises e on e.uscc = r.seller_uscc
     where r.id = new.request_id;
    return new;
end $$;
create trigger financing_routes_keys before insert on financing_routes
    for each row execute function financing_routes_keys();

create function financing_routes_sync() returns trigger language plpgsql as $$
begin
    update financing_routes
       set grade_rank = financing_grade_rank(new.grade), score = new.score, pickup_deadline = new.pickup_deadline
     where request_id = new.id;
    return new;
end $$;
create trigger financing_requests_route_keys after update of grade, score, pickup_deadline
    on financing_requests for each row
    when (old.grade is distinct from new.grade or old.score is distinct from new.score
          or old.pickup_deadline is distinct from new.pickup_deadline)
    execute function financing_routes_sync();

-- routes made before this version
update financing_routes rt
   set amount = r.amount, requested_amount = r.requested_amount, term_days = r.term_days,
       grade_rank = financing_grade_rank(r.grade), score = r.score, pickup_deadline = r.pickup_deadline,
       seller_list = financing_latest_list(r.seller_uscc), debtor_list = financing_latest_list(r.debtor_uscc),
       industry_code = e.industry_code, registered_on = e.registered_on
  from financing_requests r left join enterprises e on e.uscc = r.seller_uscc
 where r.id = rt.request_id;

-- Lending limits. One row per institution that has any: its version counts every change, and a
-- claim or an offer locks it while it checks the limits, so two claims never both take the last
-- headroom.
create table financing_limit_sets (
    institution_code  varchar(32) collate "C" primary key,
    version           integer      not null,
    updated_by        varchar(64)  not null,
    updated_at        timestamptz  not null
);

-- The limits in force: TOTAL (subject ''), DEBTOR and SELLER (a USCC), INDUSTRY (a code prefix).
create table financing_limits (
    institution_code  varchar(32) collate "C" not null references financing_limit_sets (institution_code),
    kind              varchar(8)   not null check (kind in ('TOTAL', 'DEBTOR', 'SELLER', 'INDUSTRY')),
    subject           varchar(18) collate "C" not null,
    amount            numeric(18, 2) not null check (amount >= 0),
    set_version       integer      not null,
    set_by            varchar(64)  not null,
    set_at            timestamptz  not null,
    primary key (institution_code, kind, subject)
);

-- Every change of a limit, with the set's version it made: amount null = removed.
create table financing_limit_history (
    id                bigint generated always as identity primary key,
    institution_code  varchar(32) collate "C" not null,
    kind              varchar(8)   not null,
    subject           varchar(18) collate "C" not null,
    amount            numeric(18, 2),
    previous_amount   numeric(18, 2),
    set_version       integer      not null,
    set_by            varchar(64)  not null,
    set_at            timestamptz  not null,
    reason            varchar(500)
);
create index financing_limit_history_institution on financing_limit_history (institution_code, id desc);

-- What an institution holds on one request (README, "Workbench"): as the claimant the held amount
-- (the disbursed one once disbursed) until repaid; as the guarantor the guaranteed amount.
create function financing_held(r financing_requests, inst varchar) returns numeric language sql immutable as $$
    select case
        when r.claimed_by = inst and r.status = 'DISBURSED' then coalesce(r.disbursed_amount, 0)
        when r.claimed_by = inst and r.status in ('CLAIMED', 'OFFERED', 'ACCEPTED')
            then coalesce(r.held_amount, r.requested_amount)
        when r.guarantor_code = inst and r.status in ('ROUTED', 'CLAIMED', 'OFFERED', 'ACCEPTED', 'DISBURSED')
            then coalesce(r.guarantee_amount, 0)
        else 0 end
$$;

-- The outstanding of an institution under one limit (kind, subject).
create function financing_outstanding(inst varchar, lim_kind varchar, lim_subject varchar) returns numeric
    language sql stable as $$
    select coalesce(sum(financing_held(r, inst)), 0)
    from financing_requests r left join enterprises e on lim_kind = 'INDUSTRY' and e.uscc = r.seller_uscc
    where ((r.claimed_by = inst and r.status in ('CLAIMED', 'OFFERED', 'ACCEPTED', 'DISBURSED'))
           or (r.guarantor_code = inst and r.status in ('ROUTED', 'CLAIMED', 'OFFERED', 'ACCEPTED', 'DISBURSED')))
      and (lim_kind = 'TOTAL'
           or (lim_kind = 'DEBTOR' and r.debtor_uscc = lim_subject)
           or (lim_kind = 'SELLER' and r.seller_uscc = lim_subject)
           or (lim_kind = 'INDUSTRY' and e.industry_code like lim_subject || '%'))
$$;

-- Whether an institution may take on {@code more} on a request: true at once when it has no limits
-- or {@code more} is not positive; else it locks the institution's limit row (waiting for a
-- concurrent claim or offer of the same institution to commit) and then, on a fresh snapshot (a
-- volatile function reads one per query), checks every limit that applies to the request. Called
-- last in the claim's and the offer's one statement, so the lock is held to that statement's commit.
create function financing_within_limits(inst varchar, req_id bigint, more numeric) returns boolean
    language plpgsql volatile cost 10000 as $$
declare
    seller char(18);
    debtor char(18);
    industry varchar(5);
begin
    if more is null or more <= 0 then
        return true;
    end if;
    perform 1 from financing_limit_sets s where s.institution_code = inst for update;
    if not found then
        return true;
    end if;
    select r.seller_uscc, r.debtor_uscc, e.industry_code into seller, debtor, industry
      from financing_requests r left join enterprises e on e.uscc = r.seller_uscc where r.id = req_id;
    return not exists (
        select 1 from financing_limits l
        where l.institution_code = inst
          and (l.kind = 'TOTAL' or (l.kind = 'DEBTOR' and l.subject = debtor) or (l.kind = 'SELLER' and l.subject = seller)
               or (l.kind = 'INDUSTRY' and industry like l.subject || '%'))
          and financing_outstanding(inst, l.kind, l.subject) + more > l.amount);
end $$;

-- An officer's saved queue filters: a name and the query string of the queue page.
create table financing_saved_filters (
    id          bigint generated always as identity primary key,
    username    varchar(64)  not null,
    name        varchar(100) not null,
    query       varchar(1000) not null,
    created_at  timestamptz  not null,
    unique (username, name)
);
