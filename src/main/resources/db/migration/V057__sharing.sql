-- Cross-park sharing (DOMAIN.md §10.3): requests for a firm's data, the firm's consent, signed
-- exports, deliveries and imports, the trusted peer installations, and the log the firm reads.

create table sharing_peers (
    id              bigint generated always as identity primary key,
    installation_id varchar(64) collate "C" not null unique,
    name            varchar(100) not null,
    base_url        varchar(300) not null,
    public_key      text not null,
    created_at      timestamptz not null,
    created_by      varchar(64) not null
);

-- One request has a row on each side: OUTBOUND in the receiving (asking) park, INBOUND in the
-- holding park. Between two parks of one installation both rows are here, with the same ref.
create table sharing_requests (
    id                     bigint generated always as identity primary key,
    ref                    uuid not null,
    direction              varchar(8) not null check (direction in ('OUTBOUND', 'INBOUND')),
    park_id                integer not null references parks (id),
    uscc                   char(18) collate "C" not null,
    requester_installation varchar(64) collate "C" not null,
    requester_park         varchar(32) collate "C" not null,
    holder_installation    varchar(64) collate "C" not null,
    holder_park            varchar(32) collate "C" not null,
    purpose                varchar(500) not null,
    period_from            date not null,
    period_to              date not null check (period_to >= period_from),
    status                 varchar(12) not null check (status in ('PENDING', 'GRANTED', 'REFUSED', 'IMPORTED')),
    consent_expires        date,
    decided_by             varchar(64),
    decided_at             timestamptz,
    refusal_reason         varchar(500),
    created_by             varchar(100) not null,
    created_at             timestamptz not null,
    version                bigint not null default 0,
    constraint sharing_requests_side unique (ref, direction)
);
create index sharing_requests_park on sharing_requests (park_id, id desc);
create index sharing_requests_uscc on sharing_requests (uscc);

-- A signed package made by the holding park; kept so it can be downloaded again.
create table sharing_exports (
    export_id    uuid primary key,
    request_id   bigint not null references sharing_requests (id),
    package      bytea not null,
    created_by   varchar(64) not null,
    created_at   timestamptz not null,
    delivered_at timestamptz
);
create index sharing_exports_request on sharing_exports (request_id);

-- A package that arrived for one of this installation's parks (pushed by a peer, or handed over
-- inside this installation), waiting to be imported; and once imported, how.
create table sharing_imports (
    id                  bigint generated always as identity primary key,
    export_id           uuid not null unique,
    park_id             integer not null references parks (id),
    request_id          bigint references sharing_requests (id),
    uscc                char(18) collate "C" not null,
    source_installation varchar(64) collate "C" not null,
    source_park         varchar(32) collate "C" not null,
    consent_expires     date not null,
    package             bytea,
    received_at         timestamptz not null,
    status              varchar(10) not null check (status in ('DELIVERED', 'IMPORTED')),
    mode                varchar(10) check (mode in ('PROSPECT', 'MERGED', 'VIEW')),
    profile             text,
    rows_imported       text,
    imported_by         varchar(64),
    imported_at         timestamptz,
    acknowledged        boolean not null default false
);
create index sharing_imports_park on sharing_imports (park_id, id desc);

-- Every step, visible to the firm (by USCC) and to the parks it concerns (the other one too, when
-- both are parks of this installation).
create table sharing_log (
    id          bigint generated always as identity primary key,
    at          timestamptz not null,
    uscc        char(18) collate "C" not null,
    park_id     integer references parks (id),
    peer_park_id integer references parks (id),
    request_ref uuid,
    event       varchar(12) not null check (event in ('REQUESTED', 'CONSENTED', 'REFUSED', 'EXPORTED', 'DELIVERED',
                    'IMPORTED')),
    actor       varchar(100) not null,
    from_park   varchar(100) not null,
    to_park     varchar(100) not null,
    detail      varchar(1000)
);
create index sharing_log_uscc on sharing_log (uscc, id desc);
create index sharing_log_park on sharing_log (park_id, id desc);
create index sharing_log_peer_park on sharing_log (peer_park_id, id desc);
