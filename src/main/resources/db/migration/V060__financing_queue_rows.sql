-- An institution's queue as rows of their own. Until now a route row carried a `queued` flag, and
-- the flag was in the predicate of the queue's eight partial indexes. A claim takes a request out of
-- every queue it was in (ten banks' in a market of ten): the trigger rewrote ten route rows, each a
-- new row version with new entries in the route table's two full indexes, because a predicate column
-- changed (BENCHMARKS.md "Financing market": about 2.5 KB of WAL and ten updates per claim). Now a
-- queue entry is a row of financing_queue, with the sort and filter keys copied from its route: a
-- claim deletes its entries (ten row marks, no index insert); a request routed again (a claim that
-- lapsed, a guarantee that moved it to the banks) is queued again from its route rows. The route rows
-- keep the history of where a request went, as before.
create table financing_queue (
    institution_code  varchar(32) collate "C" not null,
    request_id        bigint       not null,
    leg               varchar(10)  not null,
    amount            numeric(18, 2),
    requested_amount  numeric(18, 2),
    term_days         integer,
    grade_rank        smallint,
    score             integer,
    pickup_deadline   timestamptz,
    seller_list       varchar(8),
    debtor_list       varchar(8),
    industry_code     varchar(5) collate "C",
    registered_on     date,
    -- an institution's queue, newest first, is one range of the key (read backwards)
    primary key (institution_code, request_id, leg)
);

insert into financing_queue (institution_code, request_id, leg, amount, requested_amount, term_days, grade_rank, score,
                             pickup_deadline, seller_list, debtor_list, industry_code, registered_on)
select institution_code, request_id, leg, amount, requested_amount, term_days, grade_rank, score,
       pickup_deadline, seller_list, debtor_list, industry_code, registered_on
from financing_routes where queued;

create index financing_queue_request on financing_queue (request_id);
create index financing_queue_amount on financing_queue (institution_code, amount, request_id);
create index financing_queue_requested on financing_queue (institution_code, requested_amount, request_id);
create index financing_queue_term on financing_queue (institution_code, term_days, request_id);
create index financing_queue_grade on financing_queue (institution_code, grade_rank, score desc, request_id desc);
create index financing_queue_pickup on financing_queue (institution_code, pickup_deadline, request_id);
create index financing_queue_age on financing_queue (institution_code, registered_on, request_id);
create index financing_queue_industry on financing_queue (institution_code, industry_code, request_id);

drop trigger financing_requests_queue on financing_requests;
drop index financing_routes_queue, financing_routes_q_amount, financing_routes_q_requested, financing_routes_q_term,
    financing_routes_q_grade, financing_routes_q_pickup, financing_routes_q_age, financing_routes_q_industry;
alter table financing_routes drop column queued;

-- A request is queued at the institutions of its route's leg while it is ROUTED on that leg.
create or replace function financing_routes_queue() returns trigger language plpgsql as $$
begin
    delete from financing_queue q
     where q.request_id = new.id and not (new.status = 'ROUTED' and q.leg = new.route);
    if new.status = 'ROUTED' then
        insert into financing_queue (institution_code, request_id, leg, amount, requested_amount, term_days, grade_rank,
                                     score, pickup_deadline, seller_list, debtor_list, industry_code, registered_on)
        select rt.institution_code, rt.request_id, rt.leg, rt.amount, rt.requested_amount, rt.term_days, rt.grade_rank,
               rt.score, rt.pickup_deadline, rt.seller_list, rt.debtor_list, rt.industry_code, rt.registered_on
          from financing_routes rt
         where rt.request_id = new.id and rt.leg = new.route
        on conflict do nothing;
    end if;
    return new;
end $$;
create trigger financing_requests_queue after update of status, route on financing_requests
    for each row when (old.status is distinct from new.status or old.route is distinct from new.route)
    execute function financing_routes_queue();

-- Routes made for a request already ROUTED on their leg join the queue at once (keys from the route row).
create function financing_routes_enqueue() returns trigger language plpgsql as $$
begin
    insert into financing_queue (institution_code, request_id, leg, amount, requested_amount, term_days, grade_rank,
                                 score, pickup_deadline, seller_list, debtor_list, industry_code, registered_on)
    select n.institution_code, n.request_id, n.leg, n.amount, n.requested_amount, n.term_days, n.grade_rank,
           n.score, n.pickup_deadline, n.seller_list, n.debtor_list, n.industry_code, n.registered_on
      from new_routes n join financing_requests r on r.id = n.request_id and r.status = 'ROUTED' and r.route = n.leg
    on conflict do nothing;
    return null;
end $$;
create trigger financing_routes_enqueue after insert on financing_routes
    referencing new table as new_routes for each statement execute function financing_routes_enqueue();

-- The keys that change while a request waits (its grade, score and pickup deadline) change in its queue too.
create or replace function financing_routes_sync() returns trigger language plpgsql as $$
begin
    update financing_routes
       set grade_rank = financing_grade_rank(new.grade), score = new.score, pickup_deadline = new.pickup_deadline
     where request_id = new.id;
    update financing_queue
       set grade_rank = financing_grade_rank(new.grade), score = new.score, pickup_deadline = new.pickup_deadline
     where request_id = new.id;
    return new;
end $$;

comment on table financing_queue is 'an institution''s queue: the requests ROUTED on a leg it was routed on, with the route''s sort and filter keys';
