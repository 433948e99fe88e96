-- Orders as Amazon last showed them: one row per seller and Amazon order id. amazon_updated_at (the order's own
-- lastUpdatedTime) decides which of two states is newer, so a late or replayed older state never overwrites a newer one.
CREATE TABLE orders (
  id                uuid PRIMARY KEY,
  tenant_id         uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  seller_id         uuid NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
  amazon_order_id   text NOT NULL,
  marketplace_id    text,
  status            text NOT NULL,
  fulfillment       text NOT NULL CHECK (fulfillment IN ('FBA', 'MFN')),
  purchased_at      timestamptz NOT NULL,
  amazon_updated_at timestamptz NOT NULL,
  ship_by           timestamptz,
  currency          text,
  total             numeric(14, 2),
  items             jsonb NOT NULL,
  -- What an event is raised for: a state whose content hash equals the stored one changed nothing.
  content_sha256    bytea NOT NULL,
  version           int NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (seller_id, amazon_order_id)
);
CREATE INDEX orders_tenant_updated ON orders (tenant_id, updated_at, id);

-- Per seller: how far polling has read (searchOrders by lastUpdatedAfter), when it polls next, the page it stopped
-- at when its call budget ran out, and whether the seller's notifications can be trusted.
CREATE TABLE order_sync (
  seller_id            uuid PRIMARY KEY REFERENCES sellers (id) ON DELETE CASCADE,
  checkpoint           timestamptz,
  next_poll_at         timestamptz NOT NULL DEFAULT now(),
  page_token           text,
  page_after           timestamptz,
  page_before          timestamptz,
  lease_owner          uuid,
  lease_until          timestamptz,
  notifications        text NOT NULL DEFAULT 'unknown' CHECK (notifications IN ('unknown', 'healthy', 'unhealthy')),
  notifications_since  timestamptz NOT NULL DEFAULT now(),
  last_notification_at timestamptz,
  missed_changes       int NOT NULL DEFAULT 0,
  last_poll_at         timestamptz,
  last_error           text
);
CREATE INDEX order_sync_due ON order_sync (next_poll_at);

-- Orders to read again because a notification said they changed: one row per order, however many notifications
-- (duplicates included) said so; announced_at is the newest change time they gave.
CREATE TABLE order_fetches (
  seller_id       uuid NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
  amazon_order_id text NOT NULL,
  announced_at    timestamptz NOT NULL,
  due_at          timestamptz NOT NULL DEFAULT now(),
  attempts        int NOT NULL DEFAULT 0,
  lease_owner     uuid,
  lease_until     timestamptz,
  last_error      text,
  PRIMARY KEY (seller_id, amazon_order_id)
);
CREATE INDEX order_fetches_due ON order_fetches (due_at);

-- Notifications already acted on, by Amazon's NotificationId: SQS delivers some twice, or ten times. Kept a week.
CREATE TABLE notifications_seen (
  notification_id text PRIMARY KEY,
  type            text NOT NULL,
  seen_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_seen_at ON notifications_seen (seen_at);

-- Messages whose effect kept failing: kept with the error until an operator replays them.
CREATE TABLE notification_dead_letters (
  id              uuid PRIMARY KEY,
  tenant_id       uuid REFERENCES tenants (id) ON DELETE CASCADE,
  notification_id text,
  type            text,
  body            text NOT NULL,
  error           text NOT NULL,
  receive_count   int NOT NULL,
  failed_at       timestamptz NOT NULL DEFAULT now(),
  replayed_at     timestamptz
);
CREATE INDEX notification_dead_letters_tenant ON notification_dead_letters (tenant_id, failed_at);

-- What spgate set up at Amazon: the application's destination per region (the SQS queue), each seller's subscriptions.
CREATE TABLE notification_destinations (
  application    text NOT NULL,
  region         text NOT NULL,
  queue_arn      text NOT NULL,
  destination_id text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (application, region, queue_arn)
);

CREATE TABLE notification_subscriptions (
  seller_id         uuid NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
  notification_type text NOT NULL,
  subscription_id   text NOT NULL,
  destination_id    text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (seller_id, notification_type)
);

-- Shipments confirmed for merchant-fulfilled orders: recorded before confirmShipment is sent, so one whose answer was
-- lost is known; the order's own state follows from Amazon.
CREATE TABLE order_shipments (
  id                   uuid PRIMARY KEY,
  order_id             uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  package_reference_id text NOT NULL,
  carrier_code         text NOT NULL,
  carrier_name         text,
  shipping_method      text,
  tracking_number      text NOT NULL,
  ship_date            timestamptz NOT NULL,
  items                jsonb NOT NULL,
  status               text NOT NULL CHECK (status IN ('confirming', 'confirmed', 'failed')),
  error                text,
  created_at           timestamptz NOT NULL DEFAULT now(),
  confirmed_at         timestamptz
);
CREATE INDEX order_shipments_order ON order_shipments (order_id, created_at);
