-- A message's attempts, as the SMS log shows them: every attempt that did not end in SENT (failed,
-- taken again after a lost result) is a row of sms_attempt_log; the one that ended in SENT is its
-- state (attempt number, sent_at, provider id), which the dispatcher writes anyway. Writing that
-- attempt again as a row of its own was one more row and index entry per message sent
-- (BENCHMARKS.md "Monitoring from outside the server"). The view sms_attempts shows both, with the
-- columns the table had.
alter table sms_attempts rename to sms_attempt_log;
alter index sms_attempts_pkey rename to sms_attempt_log_pkey;

delete from sms_attempt_log l using sms_states s
 where s.id = l.outbox_id and l.outcome = 'SENT' and s.sent_at is not null and l.attempt = s.attempts;

create view sms_attempts as
select outbox_id, attempt, at, outcome, detail from sms_attempt_log
union all
select id, attempts, sent_at, 'SENT', provider_id from sms_states where sent_at is not null;

comment on view sms_attempts is 'every attempt of a message: the logged ones and the one that sent it (from its state)';
