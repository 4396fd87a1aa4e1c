-- Lifecycle credit monitoring and SMS (DOMAIN.md §6).

-- Every credit event newly stored, whatever wrote it (the intake API, a bundle import's COPY or
-- merge), is queued in the same transaction by a statement-level trigger: the monitoring pass
-- drains this queue, so no event is missed or seen twice, whatever order identity ids commit in.
create table monitoring_queue (
    event_id   bigint      primary key,
    queued_at  timestamptz not null default now()
);

create function monitoring_queue_new_events() returns trigger language plpgsql as $$
begin
    insert into monitoring_queue (event_id) select id from new_events on conflict do nothing;
    return null;
end $$;
create trigger credit_events_monitored after insert on credit_events
    referencing new table as new_events for each statement execute function monitoring_queue_new_events();

-- Alert rules as data: per event type and severity ('*' = any), the level, who is told, the
-- channels and the SMS template. The most specific rule wins (type before severity); when the
-- winner is disabled, the event raises nothing (an ADMIN silences a type by disabling its rule).
create table monitoring_rules (
    id                  bigint generated always as identity primary key,
    event_type          varchar(32) not null,
    severity            varchar(8)  not null check (severity in ('MINOR', 'GENERAL', 'SERIOUS', '*')),
    level               varchar(8)  not null check (level in ('INFO', 'WARNING', 'CRITICAL')),
    notify_firm         boolean     not null,
    notify_officers     boolean     not null,
    notify_institutions boolean     not null,
    sms                 boolean     not null,
    template_code       varchar(64) not null,
    template            text        not null,
    enabled             boolean     not null default true,
    version             bigint      not null default 0,
    updated_by          varchar(64) not null default 'system',
    updated_at          timestamptz not null default now(),
    unique (event_type, severity)
);
insert into monitoring_rules (event_type, severity, level, notify_firm, notify_officers, notify_institutions, sms,
        template_code, template) values
    ('*', 'MINOR', 'INFO', true, true, false, true, 'PC_EVENT_MINOR',
     '【园区信用通】{firm}：贵企业新增信用记录“{title}”（{type}，轻微）。轻微失信信息不予公示，请及时整改并保留整改材料。'),
    ('*', 'GENERAL', 'WARNING', true, true, false, true, 'PC_EVENT_GENERAL',
     '【园区信用通】{firm}：贵企业新增信用记录“{title}”（{type}，一般，{date}）。该记录公示期3个月至1年，公示满3个月后可在园区信用通“信用修复”中提交整改证明申请修复。'),
    ('*', 'SERIOUS', 'CRITICAL', true, true, true, true, 'PC_EVENT_SERIOUS',
     '【园区信用通】{firm}：贵企业新增严重失信记录“{title}”（{type}，{date}），已通知园区信用办及相关金融机构。公示满1年后可申请信用修复，请尽快联系园区信用办。');

-- Reminders from the scheduled scans (ReminderSource beans): each exactly once by its key.
create table monitoring_reminders (
    reminder_key      text        primary key,
    kind              varchar(48) not null,
    uscc              char(18) collate "C" not null,
    institution_code  varchar(32) collate "C",
    due_on            date        not null,
    title             text        not null,
    scan_day          date        not null,
    created_at        timestamptz not null default now()
);
create index monitoring_reminders_uscc on monitoring_reminders (uscc, created_at);

-- The inbox: one alert per event (ref EVENT:source/event_no) or reminder (REMINDER:key).
create table monitoring_alerts (
    id               bigint generated always as identity primary key,
    ref              text        not null unique,
    kind             varchar(48) not null,
    uscc             char(18) collate "C" not null,
    event_id         bigint,
    level            varchar(8)  not null check (level in ('INFO', 'WARNING', 'CRITICAL')),
    channels         varchar(32) not null,
    title            text        not null,
    reason           text        not null,
    rule_id          bigint      references monitoring_rules (id),
    accepted_at      timestamptz not null,
    created_at       timestamptz not null default now(),
    acknowledged_by  varchar(64),
    acknowledged_at  timestamptz
);
create index monitoring_alerts_uscc on monitoring_alerts (uscc, created_at desc);
create index monitoring_alerts_open on monitoring_alerts (created_at desc) where acknowledged_at is null;

-- Institutions told of an alert (SERIOUS events: every bank or guarantor with exposure).
create table monitoring_alert_institutions (
    alert_id          bigint      not null references monitoring_alerts (id),
    institution_code  varchar(32) collate "C" not null,
    primary key (alert_id, institution_code)
);
create index monitoring_alert_institutions_code on monitoring_alert_institutions (institution_code, alert_id);

-- An institution's subscription: the mobile its officer is texted on, and from which level.
create table monitoring_subscriptions (
    institution_code  varchar(32) collate "C" primary key,
    mobile            char(11)    check (mobile ~ '^1[3-9][0-9]{9}$'),
    min_level         varchar(8)  not null default 'CRITICAL' check (min_level in ('INFO', 'WARNING', 'CRITICAL')),
    sms_enabled       boolean     not null default true,
    updated_by        varchar(64) not null,
    updated_at        timestamptz not null default now()
);

-- The SMS outbox. dedup_key makes "one SMS per recipient per event" a constraint.
create table sms_outbox (
    id               bigint generated always as identity primary key,
    dedup_key        text        not null unique,
    alert_id         bigint      references monitoring_alerts (id),
    uscc             char(18) collate "C",
    mobile           char(11)    not null,
    template_code    varchar(64) not null,
    params           jsonb       not null,
    text             text        not null,
    urgent           boolean     not null,
    status           varchar(10) not null default 'PENDING'
                                 check (status in ('PENDING', 'SENT', 'DELIVERED', 'FAILED', 'SUPPRESSED')),
    reason           text,
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null,
    accepted_at      timestamptz not null,
    created_at       timestamptz not null default now(),
    sent_at          timestamptz,
    delivered_at     timestamptz,
    provider         varchar(16),
    provider_id      varchar(128),
    last_error       text
);
create index sms_outbox_due on sms_outbox (next_attempt_at, id) where status = 'PENDING';
create index sms_outbox_mobile on sms_outbox (mobile, created_at desc);
create index sms_outbox_provider_id on sms_outbox (provider_id) where provider_id is not null;

-- Every attempt, for the SMS log.
create table sms_attempts (
    outbox_id   bigint      not null references sms_outbox (id),
    attempt     integer     not null,
    at          timestamptz not null,
    outcome     varchar(16) not null,
    detail      text,
    primary key (outbox_id, attempt)
);

-- Messages sent per number per park day (the daily cap).
create table sms_daily_counts (
    mobile  char(11) not null,
    day     date     not null,
    sent    integer  not null,
    primary key (mobile, day)
);
