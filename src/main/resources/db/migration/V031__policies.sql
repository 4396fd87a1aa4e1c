-- Policy matching and push (越守信越支持, DOMAIN.md §10.2): policies with eligibility as data, the
-- firms each published policy matched (one row per pair: notified once), and the firms' applications.
create table policies (
    id            bigint generated always as identity primary key,
    title         varchar(200) not null,
    kind          varchar(20)  not null check (kind in ('SUBSIDY', 'INTEREST_DISCOUNT', 'GUARANTEE_FEE', 'RENT', 'TALENT', 'OTHER')),
    valid_from    date         not null,
    valid_to      date         not null,
    benefit       text         not null,
    eligibility   jsonb        not null,
    status        varchar(10)  not null default 'DRAFT' check (status in ('DRAFT', 'PUBLISHED')),
    created_by    varchar(64)  not null,
    created_at    timestamptz  not null default now(),
    published_at  timestamptz,
    check (valid_to >= valid_from)
);

create table policy_matches (
    policy_id   bigint      not null references policies (id),
    uscc        char(18) collate "C" not null,
    matched_at  timestamptz not null default now(),
    primary key (policy_id, uscc)
);
create index policy_matches_uscc on policy_matches (uscc, policy_id);

create table policy_applications (
    id          bigint generated always as identity primary key,
    policy_id   bigint      not null references policies (id),
    uscc        char(18) collate "C" not null,
    status      varchar(10) not null check (status in ('APPLIED', 'APPROVED', 'REJECTED')),
    note        text,
    applied_by  varchar(64) not null,
    applied_at  timestamptz not null default now(),
    decided_by  varchar(64),
    decided_at  timestamptz,
    reason      text,
    unique (policy_id, uscc)
);
