-- Channel mappings: which of a seller's SKUs on one marketplace (a channel) spgate updates, with
-- the guardrails every update must keep, and what spgate last saw Amazon take or hold. A channel
-- itself is no row: it is a seller and one of its marketplaces. SKUs sort bytewise (COLLATE "C"),
-- so a page by SKU and a search by SKU prefix are ranges of the primary key.
CREATE TABLE channel_mappings (
  seller_id          uuid NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
  marketplace_id     text NOT NULL,
  sku                text COLLATE "C" NOT NULL,
  tenant_id          uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  asin               text NOT NULL,
  fulfillment        text NOT NULL CHECK (fulfillment IN ('FBA', 'MFN')),
  product_type       text NOT NULL DEFAULT 'PRODUCT',
  min_price          numeric,
  max_price          numeric,
  max_change_percent numeric,
  stock_buffer       integer NOT NULL DEFAULT 0,
  max_quantity       integer,
  last_price         numeric,
  last_price_at      timestamptz,
  listed_quantity    integer,
  listed_at          timestamptz,
  fba_quantity       integer,
  fba_synced_at      timestamptz,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (seller_id, marketplace_id, sku)
);
CREATE INDEX channel_mappings_fba ON channel_mappings (seller_id, marketplace_id) WHERE fulfillment = 'FBA';

-- FBA inventory sync of each channel that has FBA mappings: leased by one instance at a time
-- (lease_until, FOR UPDATE SKIP LOCKED) for one sync, which reads every page of getInventorySummaries.
-- synced_at is when the last complete sync started: the next one asks for changes since a little before it.
CREATE TABLE channel_inventory_syncs (
  seller_id      uuid NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
  marketplace_id text NOT NULL,
  tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  next_sync_at   timestamptz NOT NULL DEFAULT now(),
  lease_until    timestamptz,
  synced_at      timestamptz,
  full_synced_at timestamptz,
  last_error     text,
  last_error_at  timestamptz,
  PRIMARY KEY (seller_id, marketplace_id)
);
CREATE INDEX channel_inventory_syncs_due ON channel_inventory_syncs (next_sync_at);
