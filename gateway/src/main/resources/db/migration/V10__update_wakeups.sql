-- New items for a seller whose round is running: the round read its open items before they came,
-- and its release must not put the seller to sleep; woken makes the release due it again at once.
ALTER TABLE update_sellers ADD COLUMN woken boolean NOT NULL DEFAULT false;

-- The sellers a job has items for, so that the sweep ending jobs looks for a job's open items through
-- update_items_seller_open (which holds only open items) with a probe per seller, often, rather than
-- scanning the job's items or keeping one more index on every item stored.
ALTER TABLE update_jobs ADD COLUMN seller_ids uuid[] NOT NULL DEFAULT '{}';
UPDATE update_jobs j SET seller_ids = ARRAY(SELECT DISTINCT i.seller_id FROM update_items i WHERE i.job_id = j.id)
  WHERE j.finished_at IS NULL;
