-- The SMS outbox in two parts: what a message says, written once (sms_messages, the former
-- sms_outbox), and where it stands, rewritten by every dispatcher round (sms_states: status, attempts,
-- lease, claim, provider id). A message's content with its rendered text and template parameters is
-- about 1 KB; the claim and the record step each wrote a new version of it with new entries in its five
-- indexes (6.3 KB of WAL per event under load, BENCHMARKS.md "Monitoring from outside the server").
-- They now rewrite a row of about 100 bytes with its three indexes. The view sms_outbox shows both parts
-- as one row for reading, with the columns the table had.
alter table sms_outbox rename to sms_messages;
alter index sms_outbox_mobile rename to sms_messages_mobile;

create table sms_states (
    id               bigint      primary key references sms_messages (id) on delete cascade,
    status           varchar(10) not null default 'PENDING'
                                 check (status in ('PENDING', 'SENT', 'DELIVERED', 'FAILED', 'SUPPRESSED')),
    reason           text,
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null,
    sent_at          timestamptz,
    delivered_at     timestamptz,
    provider         varchar(16),
    provider_id      varchar(128),
    last_error       text,
    claim_token      uuid,
    claimed_by       varchar(128),
    claimed_at       timestamptz,
    counted_on       date
) with (fillfactor = 80);

insert into sms_states (id, status, reason, attempts, next_attempt_at, sent_at, delivered_at, provider, provider_id,
                        last_error, claim_token, claimed_by, claimed_at, counted_on)
select id, status, reason, attempts, next_attempt_at, sent_at, delivered_at, provider, provider_id,
       last_error, claim_token, claimed_by, claimed_at, counted_on
from sms_messages;

drop index sms_outbox_due;
drop index sms_outbox_provider_id;
create index sms_states_due on sms_states (next_attempt_at, id) where status = 'PENDING';
create index sms_states_provider_id on sms_states (provider_id) where provider_id is not null;

alter table sms_messages
    drop column status, drop column reason, drop column attempts, drop column next_attempt_at,
    drop column sent_at, drop column delivered_at, drop column provider, drop column provider_id,
    drop column last_error, drop column claim_token, drop column claimed_by, drop column claimed_at,
    drop column counted_on;

-- every new message starts PENDING, due when it was accepted
create function sms_messages_state() returns trigger language plpgsql as $$
begin
    insert into sms_states (id, next_attempt_at) select id, accepted_at from new_messages;
    return null;
end $$;
create trigger sms_messages_stated after insert on sms_messages
    referencing new table as new_messages for each statement execute function sms_messages_state();

create view sms_outbox as
select m.id, m.dedup_key, m.alert_id, m.uscc, m.mobile, m.template_code, m.params, m.text, m.urgent,
       s.status, s.reason, s.attempts, s.next_attempt_at, m.accepted_at, m.created_at, s.sent_at, s.delivered_at,
       s.provider, s.provider_id, s.last_error, s.claim_token, s.claimed_by, s.claimed_at, s.counted_on
from sms_messages m join sms_states s on s.id = m.id;

comment on view sms_outbox is 'an SMS with its state, for reading; writes go to sms_messages (once) and sms_states';
