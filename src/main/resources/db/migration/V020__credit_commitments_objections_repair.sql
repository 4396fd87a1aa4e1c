-- Commitments, objections, credit repair and publicity (DOMAIN.md §8).

-- The §8 rules as numbered versions (periods, deadlines, verification tiers); every commitment,
-- objection and repair records the version it was decided under.
create table credit_rule_sets (
    id          bigint generated always as identity primary key,
    version     integer      not null unique,
    params      jsonb        not null,
    note        text,
    created_by  varchar(64)  not null,
    created_at  timestamptz  not null default now()
);
insert into credit_rule_sets (version, params, note, created_by) values (1,
    '{"generalShortestMonths": 3, "generalLongestMonths": 12, "seriousShortestMonths": 12,
      "seriousLongestMonths": 36, "objectionWorkingDays": 10, "repairWorkingDays": 5, "reapplyDays": 30,
      "repairBreachMonths": 12, "exemptGrade": "AA", "onSiteGrade": "B"}',
    'DOMAIN.md §8 defaults', 'system');

-- The park's calendar: public holidays and the make-up workdays (调休上班) that go with them, as
-- published by the State Council General Office; the ADMIN keeps later years. Any other day is a
-- working day from Monday to Friday.
create table park_calendar (
    day         date         primary key,
    kind        varchar(8)   not null check (kind in ('HOLIDAY', 'WORKDAY')),
    name        varchar(100) not null,
    updated_by  varchar(64)  not null default 'system',
    updated_at  timestamptz  not null default now()
);
insert into park_calendar (day, kind, name)
select d::date, 'HOLIDAY', n from (values
    ('2025-01-01', '2025-01-01', '元旦'), ('2025-01-28', '2025-02-04', '春节'), ('2025-04-04', '2025-04-06', '清明节'),
    ('2025-05-01', '2025-05-05', '劳动节'), ('2025-05-31', '2025-06-02', '端午节'), ('2025-10-01', '2025-10-08', '国庆节、中秋节'),
    ('2026-01-01', '2026-01-03', '元旦'), ('2026-02-15', '2026-02-23', '春节'), ('2026-04-04', '2026-04-06', '清明节'),
    ('2026-05-01', '2026-05-05', '劳动节'), ('2026-06-19', '2026-06-21', '端午节'), ('2026-09-25', '2026-09-27', '中秋节'),
    ('2026-10-01', '2026-10-07', '国庆节')) h (f, t, n)
cross join lateral generate_series(h.f::date, h.t::date, interval '1 day') d;
insert into park_calendar (day, kind, name) values
    ('2025-01-26', 'WORKDAY', '春节调休'), ('2025-02-08', 'WORKDAY', '春节调休'), ('2025-04-27', 'WORKDAY', '劳动节调休'),
    ('2025-09-28', 'WORKDAY', '国庆节调休'), ('2025-10-11', 'WORKDAY', '国庆节调休'),
    ('2026-01-04', 'WORKDAY', '元旦调休'), ('2026-02-14', 'WORKDAY', '春节调休'), ('2026-02-28', 'WORKDAY', '春节调休'),
    ('2026-05-09', 'WORKDAY', '劳动节调休'), ('2026-09-20', 'WORKDAY', '国庆节调休'), ('2026-10-10', 'WORKDAY', '国庆节调休');

-- Firms are never deleted; when a registry is emptied (a test's export round trip) their
-- commitments, objections and repairs go with them.

-- Credit commitments (§8.1). A breach records a COMMITMENT_BREACH credit event (event_id).
create table credit_commitments (
    id                   bigint generated always as identity primary key,
    uscc                 char(18) collate "C" not null references enterprises (uscc) on delete cascade,
    kind                 varchar(12)  not null check (kind in ('APPLICATION', 'LICENSE', 'RATING', 'REPAIR', 'LAND', 'VOLUNTARY')),
    matter               varchar(300) not null,
    text                 text         not null,
    signed_on            date         not null,
    due_on               date,
    public               boolean      not null default false,
    verification         varchar(8)   not null check (verification in ('EXEMPT', 'DESK', 'ON_SITE')),
    verification_reason  jsonb        not null,
    status               varchar(10)  not null default 'OPEN' check (status in ('OPEN', 'FULFILLED', 'BREACHED')),
    false_statement      boolean,
    outcome_note         text,
    outcome_on           date,
    decided_by           varchar(64),
    event_id             bigint,
    rule_version         integer      not null,
    created_by           varchar(64)  not null,
    created_at           timestamptz  not null default now(),
    version              bigint       not null default 0,
    check (due_on is null or due_on >= signed_on)
);
create index credit_commitments_uscc on credit_commitments (uscc, id desc);
create index credit_commitments_public on credit_commitments (signed_on) where public;

-- Objections (§8.2) to one item: CREDIT_EVENT source/eventNo, LOAN lender/loanNo,
-- FINANCIAL_STATEMENT uscc/year, CLASSIFICATION year/runId/uscc, RATING applicationId.
create table credit_objections (
    id               bigint generated always as identity primary key,
    uscc             char(18) collate "C" not null references enterprises (uscc) on delete cascade,
    item_type        varchar(24)  not null check (item_type in ('CREDIT_EVENT', 'LOAN', 'FINANCIAL_STATEMENT',
                                                     'CLASSIFICATION', 'RATING')),
    item_ref         varchar(200) collate "C" not null,
    reason           text         not null,
    status           varchar(10)  not null default 'SUBMITTED'
                                  check (status in ('SUBMITTED', 'VERIFYING', 'CORRECTED', 'REVOKED', 'UPHELD')),
    submitted_on     date         not null,
    due_on           date         not null,
    referred_to      varchar(200),
    referred_on      date,
    referral_note    text,
    decision_reason  text,
    correction       jsonb,
    item_before      jsonb,
    decided_by       varchar(64),
    decided_on       date,
    rule_version     integer      not null,
    created_by       varchar(64)  not null,
    created_at       timestamptz  not null default now(),
    version          bigint       not null default 0
);
-- one open objection per item
create unique index credit_objections_open on credit_objections (item_type, item_ref)
    where status in ('SUBMITTED', 'VERIFYING');
create index credit_objections_uscc on credit_objections (uscc, id desc);
create index credit_objections_due on credit_objections (due_on) where status in ('SUBMITTED', 'VERIFYING');

-- Repair applications (§8.3) for one GENERAL or SERIOUS credit event.
create table credit_repairs (
    id               bigint generated always as identity primary key,
    uscc             char(18) collate "C" not null references enterprises (uscc) on delete cascade,
    event_id         bigint       not null,
    item_ref         varchar(200) collate "C" not null,
    severity         varchar(8)   not null check (severity in ('GENERAL', 'SERIOUS')),
    evidence         jsonb        not null,
    commitment_id    bigint       not null references credit_commitments (id) on delete cascade,
    status           varchar(10)  not null default 'SUBMITTED'
                                  check (status in ('SUBMITTED', 'APPROVED', 'REJECTED', 'REVOKED')),
    submitted_on     date         not null,
    due_on           date         not null,
    decision_reason  text,
    decided_by       varchar(64),
    decided_on       date,
    revoked_on       date,
    rule_version     integer      not null,
    created_by       varchar(64)  not null,
    created_at       timestamptz  not null default now(),
    version          bigint       not null default 0
);
create unique index credit_repairs_open on credit_repairs (event_id) where status = 'SUBMITTED';
create index credit_repairs_uscc on credit_repairs (uscc, id desc);
create index credit_repairs_event on credit_repairs (event_id, id desc);

-- Attachments of objections and repair applications: type- and size-checked, stored here, served
-- only to the firm that owns them and the park.
create table credit_attachments (
    id            bigint generated always as identity primary key,
    owner_type    varchar(10)  not null check (owner_type in ('OBJECTION', 'REPAIR')),
    owner_id      bigint       not null,
    uscc          char(18) collate "C" not null,
    file_name     varchar(200) not null,
    content_type  varchar(100) not null,
    size          integer      not null check (size > 0),
    content       bytea        not null,
    uploaded_by   varchar(64)  not null,
    uploaded_at   timestamptz  not null default now()
);
create index credit_attachments_owner on credit_attachments (owner_type, owner_id);

-- CORRECTION notices (§8.2, §8.3): when a repair or a decided objection changes an item, the firm
-- and everyone who was told of the item (institutions alerted about the event, recipients of list
-- notices about the firm, the loan's lender) get one, once per cause.
create table credit_corrections (
    id              bigint generated always as identity primary key,
    uscc            char(18) collate "C" not null,
    item_type       varchar(24)  not null,
    item_ref        varchar(200) not null,
    cause           varchar(10)  not null check (cause in ('REPAIR', 'OBJECTION', 'REVOCATION')),
    cause_id        bigint       not null,
    recipient_kind  varchar(12)  not null check (recipient_kind in ('FIRM', 'INSTITUTION', 'MEMBER_UNIT')),
    recipient       varchar(100) not null,
    detail          text         not null,
    created_at      timestamptz  not null default now(),
    unique (cause, cause_id, recipient_kind, recipient)
);
create index credit_corrections_recipient on credit_corrections (recipient_kind, recipient, id desc);
create index credit_corrections_uscc on credit_corrections (uscc, id desc);
