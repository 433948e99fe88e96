-- Update jobs: price, quantity and handling-time changes a tenant sent through POST /v1/updates,
-- each item tracked from intake to Amazon's outcome. The idempotency key and the body's SHA-256
-- make a retried request return the job it made; its first answer is kept to be given again.
CREATE TABLE update_jobs (
  id                       uuid PRIMARY KEY,
  tenant_id                uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  idempotency_key          text,
  body_sha256              bytea NOT NULL,
  answer                   jsonb NOT NULL,
  total                    integer NOT NULL,
  rejected_at_intake       integer NOT NULL,
  status                   text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'cancelled')),
  estimated_completion_at  timestamptz,
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now(),
  finished_at              timestamptz,
  UNIQUE (tenant_id, idempotency_key)
);
CREATE INDEX update_jobs_tenant_created ON update_jobs (tenant_id, created_at, id);
CREATE INDEX update_jobs_unfinished ON update_jobs (id) WHERE finished_at IS NULL;

-- One item of a job. No foreign keys and few indexes: a request stores up to 100,000 items before
-- it answers, and each key checked or index kept costs every row (a deleted seller's open items are
-- cancelled by the worker that finds it gone). seq orders items across jobs (a newer item supersedes an older unsent one of
-- the same SKU and field). status: pending (not sent), sent (submitted, outcome awaited), then one
-- of accepted, applied, rejected, superseded, cancelled. A patch is recorded by its items alone
-- (status sent, path patch: reconciled by reading the listing back); a feed by its submission,
-- each item with the messageId of its SKU's message.
CREATE TABLE update_items (
  seq              bigserial PRIMARY KEY,
  job_id           uuid NOT NULL,
  item_index       integer NOT NULL,
  seller_id        uuid NOT NULL,
  marketplace_id   text NOT NULL,
  sku              text NOT NULL,
  price            numeric(14, 2),
  currency         text,
  quantity         integer,
  listed_quantity  integer,
  handling_time    integer,
  status           text NOT NULL CHECK (status IN ('pending', 'sent', 'accepted', 'applied', 'rejected', 'superseded', 'cancelled')),
  path             text CHECK (path IN ('patch', 'feed')),
  submission_id    bigint,
  message_id       integer,
  amazon_submission_id text,
  issues           jsonb,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz,
  result_at        timestamptz
);
CREATE UNIQUE INDEX update_items_job_index ON update_items (job_id, item_index);
CREATE INDEX update_items_seller_open ON update_items (seller_id, seq) WHERE status IN ('pending', 'sent');
CREATE INDEX update_items_submission ON update_items (submission_id) WHERE submission_id IS NOT NULL;

-- A JSON_LISTINGS_FEED sent for a seller. Recorded before anything goes to Amazon, so an instance
-- that dies mid-send leaves a row the next one reconciles by what it recorded: no document yet
-- (upload again), a document (find the feed it made in getFeeds, or create it), a feed id (poll).
-- state: recorded → uploaded → created → done.
CREATE TABLE update_submissions (
  id                bigserial PRIMARY KEY,
  seller_id         uuid NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
  marketplace_id    text NOT NULL,
  state             text NOT NULL CHECK (state IN ('recorded', 'uploaded', 'created', 'done')),
  messages          integer NOT NULL,
  feed_document_id  text,
  feed_id           text,
  next_poll_at      timestamptz,
  recorded_at       timestamptz NOT NULL DEFAULT now(),
  created_at        timestamptz,
  finished_at       timestamptz
);
CREATE INDEX update_submissions_open ON update_submissions (seller_id) WHERE state <> 'done';
CREATE INDEX update_submissions_created ON update_submissions (seller_id, created_at);

-- The sellers with work: an instance leases a seller (FOR UPDATE SKIP LOCKED, lease_until) for one
-- round of sending and polling, then lets it go until its next round is due. A seller deleted
-- meanwhile keeps its row, so that a round finds it gone and cancels its open items.
CREATE TABLE update_sellers (
  seller_id    uuid PRIMARY KEY,
  due_at       timestamptz NOT NULL DEFAULT now(),
  lease_until  timestamptz
);
CREATE INDEX update_sellers_due ON update_sellers (due_at);
