-- The monitoring path writes, per credit event, its alert, the alert's SMS and the SMS's state in one
-- transaction (MonitoringPass, by construction: an SMS is inserted from the alert rows of the same
-- statement, its state by the trigger on those very rows), and the dispatcher an attempt row per send.
-- A foreign key on those columns checked each row again: one index probe and one row lock (a WAL
-- record, and the referenced page dirtied) per key. Without them the same rows written by COPY went
-- from 16,900 to 23,900 events/s (BENCHMARKS.md "Leaner writes per event"). Nothing deletes alerts, messages or rules, so
-- the references cannot dangle; the checks go. The institutions linked to an alert (SERIOUS events
-- only, written by other code paths too) keep theirs.
alter table monitoring_alerts drop constraint monitoring_alerts_rule_id_fkey;
alter table sms_messages drop constraint sms_outbox_alert_id_fkey;
alter table sms_states drop constraint sms_states_id_fkey;
alter table sms_attempts drop constraint sms_attempts_outbox_id_fkey;

comment on column sms_messages.alert_id is 'the alert this message tells of (monitoring_alerts.id), written with it; not checked per row';
comment on column sms_states.id is 'the message (sms_messages.id) this is the state of, written by its insert trigger';
