-- Platform users (DOMAIN.md §1) and the audit log of every decision.

create table app_users (
    id                bigint generated always as identity primary key,
    username          varchar(64)  not null unique,
    password_hash     varchar(100) not null,
    role              varchar(16)  not null check (role in
                          ('ADMIN', 'REGULATOR', 'ENTERPRISE', 'BANK', 'GUARANTOR', 'EVALUATOR', 'INVESTMENT')),
    uscc              char(18)     collate "C" references enterprises (uscc),
    institution_code  varchar(32)  collate "C" references institutions (code),
    created_at        timestamptz  not null default now(),
    version           bigint       not null default 0,
    constraint app_users_binding check (
        (role = 'ENTERPRISE' and uscc is not null and institution_code is null)
     or (role in ('BANK', 'GUARANTOR') and institution_code is not null and uscc is null)
     or (role not in ('ENTERPRISE', 'BANK', 'GUARANTOR') and uscc is null and institution_code is null))
);

create table audit_log (
    id           bigint generated always as identity primary key,
    at           timestamptz  not null default now(),
    actor        varchar(64)  not null,
    action       varchar(64)  not null,
    target_type  varchar(64)  not null,
    target_key   varchar(200),
    detail       text,
    reason       text
);
create index audit_log_at on audit_log (at desc);
create index audit_log_target on audit_log (target_type, target_key);
