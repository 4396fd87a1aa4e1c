-- Calls from peer installations are signed over a timestamp and a nonce; a nonce seen once is
-- refused again (replay), within the accepted clock window. Old nonces are removed as new ones come.
create table sharing_peer_nonces (
    installation_id varchar(64) collate "C" not null,
    nonce           varchar(64) collate "C" not null,
    received_at     timestamptz not null,
    primary key (installation_id, nonce)
);
create index sharing_peer_nonces_age on sharing_peer_nonces (received_at);
