-- The SMS outbox worked per batch. Every message used to start with a state row of its own (V041), which
-- the dispatcher then locked, stamped with its claim and rewrote with the result: four row versions and
-- six index entries per message, most of the dispatcher's share of the database under load
-- (BENCHMARKS.md "Monitoring", per-batch outbox). Now the messages one statement writes start as
-- batches of up to 500 (sms_batches: their ids, when they are due, and the claim), and a message gets
-- its state row once, when the round that took its batch records what became of it (sent, held,
-- suppressed, failed, retrying). A message without a state row is PENDING in its batch.
--
-- A batch is claimed, leased and recorded as a message was: the claim stamps the round's token and
-- moves due_at to the end of the lease; the record deletes the batch (only while it still carries the
-- token) and writes its messages' states. A crash between the provider's answer and the record leaves
-- the batch claimed; when the lease ends the next round takes it again and sends its messages with the
-- same ids. Messages that are held, fail or are retried continue as state rows (the dispatcher's
-- per-message rounds, as before).
create table sms_batches (
    id           bigint generated always as identity primary key,
    message_ids  bigint[]    not null check (cardinality(message_ids) between 1 and 500),
    due_at       timestamptz not null,
    attempts     integer     not null default 0,
    claim_token  uuid,
    claimed_by   varchar(128),
    claimed_at   timestamptz,
    counted_on   date,
    created_at   timestamptz not null default now()
);
create index sms_batches_due on sms_batches (due_at, id);

comment on table sms_batches is 'SMS not yet taken by a dispatcher round, in the groups their statement wrote them; deleted when recorded';
comment on column sms_batches.due_at is 'when the batch may be taken: its oldest message''s acceptance, then the end of a claim''s lease';
comment on column sms_batches.counted_on is 'the park day whose daily-cap counters hold a slot for each of its messages (taken at the claim)';

-- the messages still waiting for their first state go into batches (at most 500 each)
insert into sms_batches (message_ids, due_at, attempts, claim_token, claimed_by, claimed_at, counted_on)
select array_agg(id order by id), min(next_attempt_at), max(attempts), null, null, null, null
from (select s.id, s.next_attempt_at, s.attempts, (row_number() over (order by s.id) - 1) / 500 as part
      from sms_states s
      where s.status = 'PENDING' and s.attempts = 0 and s.claim_token is null) p
group by part;
delete from sms_states s using sms_batches b where s.id = any(b.message_ids);

create or replace function sms_messages_state() returns trigger language plpgsql as $$
begin
    insert into sms_batches (message_ids, due_at)
    select array_agg(id order by id), min(accepted_at)
    from (select id, accepted_at, (row_number() over (order by id) - 1) / 500 as part from new_messages) m
    group by part;
    return null;
end $$;

-- a message is PENDING in its batch until its state row exists
drop view sms_outbox;
create view sms_outbox as
select m.id, m.dedup_key, m.alert_id, m.uscc, m.mobile, m.template_code, m.params, m.text, m.urgent,
       coalesce(s.status, 'PENDING') as status, s.reason, coalesce(s.attempts, 0) as attempts,
       coalesce(s.next_attempt_at, m.accepted_at) as next_attempt_at, m.accepted_at, m.created_at, s.sent_at,
       s.delivered_at, s.provider, s.provider_id, s.last_error, s.claim_token, s.claimed_by, s.claimed_at, s.counted_on
from sms_messages m left join sms_states s on s.id = m.id;

comment on view sms_outbox is 'an SMS with its state (PENDING in its batch while it has no state row), for reading';
