-- New items for a seller whose round is running: the round read its open items before they came,
-- and its release must not put the seller to sleep; woken makes the release due it again at once.
ALTER TABLE update_sellers ADD COLUMN woken boolean NOT NULL DEFAULT false;

-- A job's open items, so that the sweep ending jobs finds a finished one with one probe, often,
-- rather than scanning its items.
CREATE INDEX update_items_job_open ON update_items (job_id) WHERE status IN ('pending', 'sent');
