-- Receivables financing (DOMAIN.md §7): products of banks and guarantors, requests with their
-- cash-flow grade, routing to institutions, claims, offers, the guarantee leg, disbursement and
-- repayment, the firm's consents to open its portrait and every access to it.
--
-- Firms and institutions are named by code without a foreign key, as in the registry's child
-- tables (V001): the API binds them to the caller's own firm or institution, and the registry's
-- rows can be replaced wholesale by an import or export round trip without touching financing.

create table financing_products (
    id                bigint generated always as identity primary key,
    institution_code  varchar(32) collate "C" not null,
    name              varchar(200)   not null,
    kind              varchar(10)    not null check (kind in ('LOAN', 'GUARANTEE')),
    min_amount        numeric(18, 2) not null check (min_amount >= 0),
    max_amount        numeric(18, 2) not null,
    max_term_days     integer        not null check (max_term_days between 1 and 360),
    grades            text[]         not null,
    lists             text[]         not null default '{}',
    industries        text[]         not null default '{}',
    rate_min          numeric(7, 4)  not null check (rate_min >= 0),
    rate_max          numeric(7, 4)  not null,
    active            boolean        not null default true,
    created_at        timestamptz    not null default now(),
    check (max_amount >= min_amount),
    check (rate_max >= rate_min)
);
create index financing_products_institution on financing_products (institution_code);

create table financing_requests (
    id                   bigint generated always as identity primary key,
    seller_uscc          char(18) collate "C"      not null,
    debtor_uscc          char(18) collate "C"      not null,
    debtor_name          varchar(200)   not null,
    invoice_no           varchar(64) collate "C"   not null,
    invoice_date         date           not null,
    amount               numeric(18, 2) not null check (amount > 0),
    due_date             date           not null,
    contract_no          varchar(64)    not null,
    requested_amount     numeric(18, 2) not null check (requested_amount > 0),
    term_days            integer        not null check (term_days between 1 and 360),
    status               varchar(12)    not null check (status in ('REJECTED', 'REVIEW', 'ROUTED', 'CLAIMED',
                             'OFFERED', 'ACCEPTED', 'DISBURSED', 'REPAID', 'WITHDRAWN')),
    grade                varchar(10)    not null check (grade in ('EXCELLENT', 'MIXED', 'POOR', 'REJECTED')),
    score                integer        not null,
    factors              text           not null,
    reason               text,
    route                varchar(10)    not null check (route in ('BANKS', 'GUARANTORS', 'NONE')),
    seller_list          varchar(8)     not null default 'NONE',
    graded_on            date           not null,
    debtor_confirmed_at  timestamptz,
    debtor_confirmed_by  varchar(64),
    override_reason      text,
    posted_at            timestamptz    not null,
    routed_at            timestamptz,
    pickup_deadline      timestamptz,
    claimed_by           varchar(32) collate "C",
    claimed_at           timestamptz,
    claim_deadline       timestamptz,
    first_claimed_at     timestamptz,
    offered_at           timestamptz,
    guarantor_code       varchar(32) collate "C",
    guarantee_letter_no  varchar(64),
    guarantee_amount     numeric(18, 2),
    guarantee_fee_rate   numeric(7, 4),
    guaranteed_at        timestamptz,
    accepted_offer_id    bigint,
    accepted_at          timestamptz,
    disbursed_amount     numeric(18, 2),
    disbursed_on         date,
    disbursed_at         timestamptz,
    repayment_due        date,
    repaid_on            date,
    repaid_at            timestamptz,
    overdue_loan_no      varchar(64) collate "C",
    version              bigint         not null default 0
);
-- one open request per receivable (debtor + invoice): concurrent posts cannot both pass.
-- A rejected or withdrawn request does not hold the receivable; a financed one (even repaid) does.
create unique index financing_requests_open_receivable on financing_requests (debtor_uscc, invoice_no)
    where status not in ('REJECTED', 'WITHDRAWN');
create index financing_requests_seller on financing_requests (seller_uscc, id desc);
create index financing_requests_debtor on financing_requests (debtor_uscc);
create index financing_requests_status on financing_requests (status, id desc);
-- the sweep's scans: expired claims, overdue repayments, pickup reminders
create index financing_requests_claim_deadline on financing_requests (claim_deadline) where status = 'CLAIMED';
create index financing_requests_repayment_due on financing_requests (repayment_due) where status = 'DISBURSED';
create index financing_requests_pickup on financing_requests (pickup_deadline) where status = 'ROUTED';

-- which institutions a request was sent to, per leg (GUARANTORS first for MIXED, then BANKS)
create table financing_routes (
    request_id        bigint       not null references financing_requests (id),
    institution_code  varchar(32) collate "C" not null,
    leg               varchar(10)  not null check (leg in ('BANKS', 'GUARANTORS')),
    product_id        bigint       references financing_products (id),
    routed_at         timestamptz  not null,
    -- true while the request waits for a claim on this leg: the institution's queue
    queued            boolean      not null default false,
    primary key (institution_code, leg, request_id)
);
create index financing_routes_request on financing_routes (request_id);
-- an institution's queue is one index range, newest first, and counts without touching requests
create index financing_routes_queue on financing_routes (institution_code, request_id desc) where queued;

-- keeps the queue flag in step with the request: queued while ROUTED on that leg
create function financing_routes_queue() returns trigger language plpgsql as $$
begin
    update financing_routes set queued = (new.status = 'ROUTED' and leg = new.route)
    where request_id = new.id and queued is distinct from (new.status = 'ROUTED' and leg = new.route);
    return new;
end $$;
create trigger financing_requests_queue after update of status, route on financing_requests
    for each row when (old.status is distinct from new.status or old.route is distinct from new.route)
    execute function financing_routes_queue();

create table financing_offers (
    id                bigint generated always as identity primary key,
    request_id        bigint         not null references financing_requests (id),
    institution_code  varchar(32) collate "C" not null,
    amount            numeric(18, 2) not null check (amount > 0),
    rate              numeric(7, 4)  not null check (rate >= 0),
    term_days         integer        not null check (term_days between 1 and 360),
    expires_on        date           not null,
    note              varchar(500),
    status            varchar(8)     not null check (status in ('OPEN', 'ACCEPTED', 'CLOSED')),
    created_by        varchar(64)    not null,
    created_at        timestamptz    not null
);
create index financing_offers_request on financing_offers (request_id);

-- every step of every request, in order: the funnel, time-to-fund, and the double-claim check read it
create table financing_steps (
    id                bigint generated always as identity primary key,
    request_id        bigint       not null references financing_requests (id),
    step              varchar(16)  not null,
    institution_code  varchar(32) collate "C",
    actor             varchar(64)  not null,
    at                timestamptz  not null,
    detail            text
);
create index financing_steps_request on financing_steps (request_id, id);
create index financing_steps_step on financing_steps (step, at);

-- a firm's consent, per request, for one institution to open its credit portrait
create table financing_consents (
    request_id        bigint       not null references financing_requests (id),
    institution_code  varchar(32) collate "C" not null,
    granted_at        timestamptz  not null,
    granted_by        varchar(64)  not null,
    revoked_at        timestamptz,
    revoked_by        varchar(64),
    primary key (request_id, institution_code)
);

create table financing_portrait_access (
    id                bigint generated always as identity primary key,
    request_id        bigint       not null references financing_requests (id),
    institution_code  varchar(32) collate "C" not null,
    username          varchar(64)  not null,
    seller_uscc       char(18) collate "C" not null,
    allowed           boolean      not null,
    at                timestamptz  not null
);
create index financing_portrait_access_request on financing_portrait_access (request_id, at desc);
