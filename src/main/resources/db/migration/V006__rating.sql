-- Enterprise credit rating AAA..C (DOMAIN.md §5): the versioned indicator model, the rating
-- applications and their workflow, and the yearly review of the whole park.

-- Versioned indicator models (5 dimensions, their groups, the 45 indicators with weights and
-- scoring rules) as JSON, edited by ADMIN; every application records the version it was scored with.
-- Version 1 is the documented default model (README), stored on first start.
create table rating_models (
    id          bigint generated always as identity primary key,
    version     integer      not null unique,
    model       jsonb        not null,
    note        text,
    created_by  varchar(64)  not null,
    created_at  timestamptz  not null default now()
);

create table rating_applications (
    id                   bigint generated always as identity primary key,
    -- firms are never deleted; when a registry is emptied (a test's export round trip) the
    -- applications go with it, and a deleted published grade leaves its application without one
    uscc                 char(18) collate "C" not null references enterprises (uscc) on delete cascade,
    kind                 varchar(10)  not null check (kind in ('FIRST', 'RERATING')),
    status               varchar(20)  not null check (status in ('APPLIED', 'NOT_QUALIFIED', 'QUALIFIED',
                             'UNDER_EVALUATION', 'DRAFT', 'OBJECTED', 'AWAITING_APPROVAL', 'APPROVED',
                             'PUBLISHED', 'NOT_GRADED', 'EXPIRED', 'REVOKED', 'WITHDRAWN')),
    applied_on           date         not null,
    applied_by           varchar(64)  not null,
    fiscal_year          integer      not null,
    qualification        jsonb,
    review_note          text,
    onsite_scores        jsonb,
    evaluator            varchar(64),
    model_version        integer,
    score                numeric(5, 2),
    grade                varchar(3)   check (grade in ('AAA', 'AA', 'A', 'B', 'C')),
    result               jsonb,
    scored_on            date,
    objection_deadline   date,
    objection            text,
    objection_answer     text,
    approved_by          varchar(64),
    approved_on          date,
    publicity_until      date,
    published_rating_id  bigint references published_ratings (id) on delete set null,
    revoked_on           date,
    revocation_reason    text,
    version              bigint       not null default 0,
    created_at           timestamptz  not null default now(),
    updated_at           timestamptz  not null default now()
);
create index rating_applications_uscc on rating_applications (uscc, id desc);
create index rating_applications_status on rating_applications (status);
-- one open application per firm
create unique index rating_applications_open on rating_applications (uscc)
    where status in ('APPLIED', 'QUALIFIED', 'UNDER_EVALUATION', 'DRAFT', 'OBJECTED', 'AWAITING_APPROVAL', 'APPROVED');

-- Yearly review of the whole park (年审): every in-park firm scored with one model version.
create table rating_reviews (
    id             bigint generated always as identity primary key,
    year           integer      not null check (year between 1900 and 2199),
    model_version  integer      not null,
    evaluation_day date         not null,
    firms          integer      not null default 0,
    created_by     varchar(64)  not null,
    created_at     timestamptz  not null default now()
);

create table rating_review_results (
    review_id  bigint       not null references rating_reviews (id),
    uscc       char(18) collate "C" not null,
    score      numeric(5, 2) not null,
    grade      varchar(3),
    dimensions jsonb        not null,
    primary key (review_id, uscc)
);
