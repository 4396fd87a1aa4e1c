-- Classification per park (DOMAIN.md §10.3): a park's lists are its committee's decision. Every
-- run belongs to a park (runs from before regions to the default park 1); versions and the one
-- published list of a year are counted per (park, year). The default (1) keeps statements
-- written for one park valid.

alter table classification_runs add column park_id integer not null default 1 references parks (id);

alter table classification_runs drop constraint classification_runs_year_version_key;
alter table classification_runs add constraint classification_runs_park_year_version unique (park_id, year, version);

drop index classification_runs_published;
create unique index classification_runs_published on classification_runs (park_id, year) where status = 'PUBLISHED';
