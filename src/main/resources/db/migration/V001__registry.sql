-- The enterprise credit registry (DOMAIN.md §2-§3). Table and column names follow the data
-- bundle files so that import, export and SQL rules read the same words.
--
-- The child tables (loans, credit_events, financial_statements, transactions) name their firm by
-- uscc without a foreign key: they are written only by the bundle import, which checks every
-- reference in SQL inside its transaction (and firms are never deleted). A per-row foreign-key
-- trigger would lock the firm's row once per child row and triple the cost of a bulk load.
--
-- Identifiers (USCC, codes, numbers) use the "C" collation: they compare byte by byte, which is
-- what a code means and lets PostgreSQL sort and index them several times faster than under a
-- linguistic collation.

create table institutions (
    code        varchar(32) collate "C"  primary key,
    name        varchar(200) not null,
    kind        varchar(16)  not null check (kind in ('BANK', 'GUARANTOR')),
    updated_at  timestamptz  not null default now()
);

create table enterprises (
    uscc                char(18) collate "C"     primary key,
    name                varchar(200) not null,
    registered_on       date,
    industry_code       varchar(5)   check (industry_code ~ '^[A-T][0-9]{2,4}$'),
    registered_capital  numeric(18, 2) check (registered_capital >= 0),
    employees           integer      check (employees >= 0),
    status              varchar(16)  not null default 'ACTIVE'
                                     check (status in ('ACTIVE', 'ABNORMAL', 'DEREGISTERED')),
    contact_name        varchar(100),
    contact_mobile      char(11)     check (contact_mobile ~ '^1[3-9][0-9]{9}$'),
    in_park             boolean      not null default true,
    address             varchar(300),
    patents             integer      not null default 0 check (patents >= 0),
    software_copyrights integer      not null default 0 check (software_copyrights >= 0),
    version             bigint       not null default 0,
    updated_at          timestamptz  not null default now()
);
create index enterprises_in_park_status on enterprises (in_park, status);
create index enterprises_industry on enterprises (industry_code);
create index enterprises_name on enterprises (lower(name) varchar_pattern_ops);

create table loans (
    id           bigint generated always as identity primary key,
    lender_code  varchar(32) collate "C"    not null,
    loan_no      varchar(64) collate "C"    not null,
    uscc         char(18) collate "C"       not null,
    principal    numeric(18, 2) not null check (principal > 0),
    start_date   date           not null,
    due_date     date           not null,
    settled_on   date,
    updated_at   timestamptz    not null default now(),
    constraint loans_key unique (lender_code, loan_no),
    constraint loans_due_after_start check (due_date >= start_date),
    constraint loans_settled_after_start check (settled_on is null or settled_on >= start_date)
);
create index loans_uscc on loans (uscc);

create table credit_events (
    id           bigint generated always as identity primary key,
    source       varchar(64) collate "C"    not null,
    event_no     varchar(64) collate "C"    not null,
    uscc         char(18) collate "C"       not null,
    type         varchar(32)    not null check (type in (
                     'ADMIN_PENALTY', 'DISHONEST_DEBTOR', 'ABNORMAL_OPERATION', 'SERIOUS_ILLEGAL',
                     'LAWSUIT_DEFENDANT', 'TAX_ARREARS', 'SOCIAL_INSURANCE_ARREARS', 'WAGE_ARREARS',
                     'CONSUMER_COMPLAINT', 'QUALITY_CHECK_FAILED', 'SAFETY_VIOLATION', 'DEBT_EVASION',
                     'COMMITMENT_BREACH', 'CONTRACT_BREACH',
                     'HONOR', 'CHARITY', 'CREDIT_COMMITMENT', 'TAX_CREDIT_GRADE')),
    severity     varchar(8)     check (severity in ('MINOR', 'GENERAL', 'SERIOUS')),
    occurred_on  date           not null,
    amount       numeric(18, 2),
    grade        varchar(1)     check (grade in ('A', 'B', 'M', 'C', 'D')),
    title        varchar(300),
    detail       text,
    repaired_on  date,
    recorded_at  timestamptz    not null default now(),
    updated_at   timestamptz    not null default now(),
    constraint credit_events_key unique (source, event_no),
    constraint credit_events_repaired_after check (repaired_on is null or repaired_on >= occurred_on)
);
create index credit_events_uscc on credit_events (uscc, occurred_on);

create table financial_statements (
    id                   bigint generated always as identity primary key,
    uscc                 char(18) collate "C" not null,
    year                 integer  not null check (year between 1900 and 2199),
    total_assets         numeric(18, 2),
    total_liabilities    numeric(18, 2),
    current_assets       numeric(18, 2),
    current_liabilities  numeric(18, 2),
    inventory            numeric(18, 2),
    cash                 numeric(18, 2),
    accounts_receivable  numeric(18, 2),
    equity               numeric(18, 2),
    revenue              numeric(18, 2),
    cost_of_sales        numeric(18, 2),
    operating_profit     numeric(18, 2),
    net_profit           numeric(18, 2),
    interest_expense     numeric(18, 2),
    operating_cash_flow  numeric(18, 2),
    retained_earnings    numeric(18, 2),
    rd_expense           numeric(18, 2),
    contracts_signed     numeric(18, 2),
    contracts_fulfilled  numeric(18, 2),
    updated_at           timestamptz not null default now(),
    constraint financial_statements_key unique (uscc, year)
);

-- income/expense flows 收支流水
create table transactions (
    txn_id             varchar(64) collate "C"    primary key,
    uscc               char(18) collate "C"       not null,
    booked_on          date           not null,
    direction          varchar(3)     not null check (direction in ('IN', 'OUT')),
    amount             numeric(18, 2) not null check (amount > 0),
    counterparty_uscc  char(18) collate "C",
    counterparty_name  varchar(200)
);
create index transactions_uscc_booked on transactions (uscc, booked_on);
