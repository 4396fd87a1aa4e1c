-- The SMS dispatcher claims messages and commits before it calls the provider, then records the
-- results in a second transaction. A claimed message stays PENDING (the statuses of the API do not
-- change) and carries the claim: the round's token, the node that took it and when; its
-- next_attempt_at is moved to the end of the lease, so a message whose result was never recorded
-- (a crash between the provider's answer and the record) is due again when the lease ends and is
-- resent with the same outbox id (the provider's idempotency key).
alter table sms_outbox
    add column claim_token uuid,
    add column claimed_by  varchar(128),
    add column claimed_at  timestamptz,
    -- the park day whose daily-cap counter holds a slot for this message (taken at the claim,
    -- given back when the attempt fails)
    add column counted_on  date;

comment on column sms_outbox.claim_token is 'set while a dispatcher round holds the message (lease until next_attempt_at)';
