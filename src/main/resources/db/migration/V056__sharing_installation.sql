-- Cross-park sharing (DOMAIN.md §10.3): this installation's identity. Its Ed25519 key pair signs the
-- packages it exports and the calls it makes to peer installations. Generated at first start unless
-- configuration gives the private key (parkcredit.sharing.private-key, PKCS#8 base64, a Secret), in
-- which case the stored pair is not used. One row.
create table sharing_installation (
    singleton       boolean primary key default true check (singleton),
    installation_id varchar(64) collate "C" not null check (installation_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    public_key      text not null,
    private_key     text not null,
    created_at      timestamptz not null default now()
);
