-- A feed's items are found among its seller's open items (update_items_seller_open) rather than by their own index:
-- feeds are looked up by item only when they end or are rebuilt, while every item a feed carries paid an index entry
-- when it was sent and another when it was closed (a seventh of the cost of marking a feed's items sent).
DROP INDEX IF EXISTS update_items_submission;
