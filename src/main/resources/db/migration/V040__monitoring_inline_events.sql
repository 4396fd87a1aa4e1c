-- The intake API turns the events it stores into alerts in the same transaction (MonitoringPass
-- .processEvents): for those, queueing each event and deleting it again a moment later is two row
-- changes per event for nothing. A transaction that processes its own events says so with
-- `set local parkcredit.monitoring_inline = 'on'`; every other writer (bundle imports, merges) still
-- queues its events as before.
create or replace function monitoring_queue_new_events() returns trigger language plpgsql as $$
begin
    if current_setting('parkcredit.monitoring_inline', true) = 'on' then
        return null;
    end if;
    insert into monitoring_queue (event_id) select id from new_events on conflict do nothing;
    return null;
end $$;
