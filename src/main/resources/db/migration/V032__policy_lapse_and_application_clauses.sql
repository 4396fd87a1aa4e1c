-- Policy matching (DOMAIN.md §10.2): a match whose firm no longer qualifies when the open policies
-- are matched again is LAPSED (kept for history, cleared when the firm qualifies again), and an
-- application keeps the clause-by-clause match the firm had on the day it applied.
alter table policy_matches add column lapsed_at timestamptz;
alter table policy_applications add column clauses jsonb;
create index policy_applications_status on policy_applications (status, policy_id, id);
