-- Regions (DOMAIN.md §10.3): an inspection plan draws among its park's firms; an industrial chain
-- map and the screenings run on it are a park's. Existing plans, maps and screenings are park 1's.

alter table inspection_plans add column park_id integer not null default 1 references parks (id);
create index inspection_plans_park on inspection_plans (park_id, id);

-- chain codes are unique within a park: two parks may both map a STEEL chain
alter table industry_chains add column park_id integer not null default 1 references parks (id);
alter table industry_chains drop constraint industry_chains_code_key;
alter table industry_chains add constraint industry_chains_park_code unique (park_id, code);

alter table screenings add column park_id integer not null default 1 references parks (id);
create index screenings_park on screenings (park_id, id);
