-- The annual review (年审) of one park (DOMAIN.md §10.3): a park's ADMIN or EVALUATOR reviews its own
-- park's firms, compared with their peers in that park. A review without a park (the region's, and
-- every review from before regions) covers every park.
alter table rating_reviews add column park_id integer references parks (id);
