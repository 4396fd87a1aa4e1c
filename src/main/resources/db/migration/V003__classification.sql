-- Yearly red / white / yellow financial-credit classification (DOMAIN.md §4).

-- Versioned rule sets: the clause parameters, edited by ADMIN; every run records the one it used.
create table classification_rule_sets (
    id          bigint generated always as identity primary key,
    version     integer      not null unique,
    params      jsonb        not null,
    note        text,
    created_by  varchar(64)  not null,
    created_at  timestamptz  not null default now()
);
insert into classification_rule_sets (version, params, note, created_by) values (1,
    '{"evaluationDay": "12-31", "loanHoldingMonths": 24, "lateWindowMonths": 24, "lateDays": 30,
      "seriousWindowMonths": 36, "generalWindowMonths": 12, "evasionWindowMonths": 24,
      "evasionOverdueDays": 90, "inflowDays": 90, "whiteMinYears": 1, "whiteStatementYears": 1,
      "ratingFloor": "A"}',
    'DOMAIN.md §4 defaults', 'system');

-- Grades published by the rating workflow (DOMAIN.md §5). The RED clause and the profiles read
-- the one valid on a day; the rating feature writes them.
create table published_ratings (
    id           bigint generated always as identity primary key,
    uscc         char(18) collate "C" not null references enterprises (uscc),
    grade        varchar(3)    not null check (grade in ('AAA', 'AA', 'A', 'B', 'C')),
    score        numeric(5, 2),
    valid_from   date          not null,
    valid_until  date          not null,
    revoked_on   date,
    published_at timestamptz   not null default now(),
    check (valid_until >= valid_from)
);
create index published_ratings_uscc on published_ratings (uscc, valid_from desc);

create table classification_runs (
    id                 bigint generated always as identity primary key,
    year               integer      not null check (year between 1900 and 2199),
    version            integer      not null,
    rule_set_id        bigint       not null references classification_rule_sets (id),
    evaluation_day     date         not null,
    status             varchar(12)  not null check (status in ('DRAFT', 'PUBLISHED', 'SUPERSEDED')),
    red_count          integer      not null default 0,
    white_count        integer      not null default 0,
    yellow_count       integer      not null default 0,
    none_count         integer      not null default 0,
    created_by         varchar(64)  not null,
    created_at         timestamptz  not null default now(),
    published_by       varchar(64),
    published_at       timestamptz,
    supersedes_run_id  bigint references classification_runs (id),
    unique (year, version)
);
-- at most one published (current) version per year
create unique index classification_runs_published on classification_runs (year) where status = 'PUBLISHED';

create table classification_results (
    run_id   bigint       not null references classification_runs (id),
    uscc     char(18) collate "C" not null,
    name     varchar(200) not null,
    list     varchar(8)   not null check (list in ('RED', 'WHITE', 'YELLOW', 'NONE')),
    clauses  jsonb        not null,
    primary key (run_id, uscc)
);
create index classification_results_list on classification_results (run_id, list, uscc);
create index classification_results_uscc on classification_results (uscc, run_id);

-- Published results never change: a correction is a new version.
create function classification_results_frozen() returns trigger language plpgsql as $$
begin
    if exists (select 1 from classification_runs r
               where r.id = coalesce(new.run_id, old.run_id) and r.status <> 'DRAFT') then
        raise exception 'classification run % is published: its results are immutable', coalesce(new.run_id, old.run_id)
            using errcode = '55000';
    end if;
    return coalesce(new, old);
end $$;
create trigger classification_results_frozen before insert or update or delete on classification_results
    for each row execute function classification_results_frozen();

-- Who moved from which list to which when a version was published over the previous one.
create table classification_transitions (
    run_id       bigint      not null references classification_runs (id),
    from_run_id  bigint      not null references classification_runs (id),
    uscc         char(18) collate "C" not null,
    from_list    varchar(8),
    to_list      varchar(8),
    primary key (run_id, uscc)
);

-- Measures sent on publication: YELLOW firms to every bank and credit-system member unit, and
-- corrections to whoever received a notice about a firm whose entry changed.
create table classification_notices (
    id              bigint generated always as identity primary key,
    run_id          bigint       not null references classification_runs (id),
    uscc            char(18) collate "C" not null,
    list            varchar(8)   not null,
    recipient_kind  varchar(12)  not null check (recipient_kind in ('BANK', 'MEMBER_UNIT')),
    recipient       varchar(100) not null,
    kind            varchar(12)  not null check (kind in ('YELLOW', 'CORRECTION')),
    detail          text         not null,
    created_at      timestamptz  not null default now(),
    unique (run_id, uscc, recipient_kind, recipient, kind)
);
create index classification_notices_recipient on classification_notices (recipient_kind, recipient, run_id);
