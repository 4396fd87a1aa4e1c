-- Regions (DOMAIN.md §10.3): a policy is its park's. It matches only that park's firms, and only
-- that park (and the region) reads it, its matches and applications. Existing policies are park 1's.

alter table policies add column park_id integer not null default 1 references parks (id);
create index policies_park on policies (park_id, id);
