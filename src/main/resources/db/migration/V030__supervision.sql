-- Differentiated supervision (双随机、一公开, DOMAIN.md §10.1): the tier weights as data, the
-- inspection plans with their stored seed and inspector pool, every eligible firm's inclusion
-- probability and the draw, and the results that become credit records.

create table inspection_tier_weights (
    tier    varchar(16)   primary key check (tier in ('YELLOW', 'SERIOUS', 'GENERAL', 'NONE', 'WHITE', 'RED')),
    weight  numeric(8, 4) not null check (weight > 0),
    rank    integer       not null
);
insert into inspection_tier_weights (tier, weight, rank) values
    ('YELLOW', 5, 1), ('SERIOUS', 4, 2), ('GENERAL', 2, 3), ('NONE', 1, 4), ('WHITE', 0.75, 5), ('RED', 0.5, 6);

create table inspection_plans (
    id          bigint generated always as identity primary key,
    period      varchar(40)  not null,
    target      integer      not null check (target > 0),
    seed        bigint       not null,
    day         date         not null,
    eligible    integer      not null,
    created_by  varchar(64)  not null,
    created_at  timestamptz  not null default now()
);

create table inspection_inspectors (
    plan_id       bigint       not null references inspection_plans (id),
    inspector_id  varchar(40)  not null,
    name          varchar(100) not null,
    unit          varchar(100) not null,
    primary key (plan_id, inspector_id)
);

create table inspection_firms (
    plan_id      bigint        not null references inspection_plans (id),
    uscc         char(18) collate "C" not null,
    tier         varchar(16)   not null,
    weight       numeric(8, 4) not null,
    probability  double precision not null check (probability >= 0 and probability <= 1),
    selected     boolean       not null,
    draw_order   integer,
    inspector_1  varchar(40),
    inspector_2  varchar(40),
    primary key (plan_id, uscc),
    check (not selected or (inspector_1 is not null and inspector_2 is not null and inspector_1 <> inspector_2))
);
create index inspection_firms_selected on inspection_firms (uscc, plan_id) where selected;

create table inspection_results (
    plan_id      bigint       not null references inspection_plans (id),
    uscc         char(18) collate "C" not null,
    outcome      varchar(8)   not null check (outcome in ('PASSED', 'FAILED')),
    findings     text,
    severity     varchar(8)   check (severity in ('GENERAL', 'SERIOUS')),
    event_source varchar(64)  not null,
    event_no     varchar(64)  not null,
    recorded_by  varchar(64)  not null,
    recorded_at  timestamptz  not null default now(),
    primary key (plan_id, uscc),
    foreign key (plan_id, uscc) references inspection_firms (plan_id, uscc)
);
