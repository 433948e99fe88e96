-- Events: what changed for a tenant, appended in the same transaction as the change (the outbox).
-- Appends of one tenant are serialized by a transaction-scoped advisory lock taken before the ids
-- are drawn, so a tenant's ids increase in commit order and a reader's cursor never skips one.
CREATE TABLE events (
  id            bigserial PRIMARY KEY,
  tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  type          text NOT NULL,
  resource_type text NOT NULL,
  resource_id   text NOT NULL,
  data          jsonb NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_tenant ON events (tenant_id, id);
CREATE INDEX events_tenant_type ON events (tenant_id, type, id);

-- Webhook endpoints: where a tenant wants its events POSTed. The signing secret is sealed
-- (SecretBox, key id + bytes); failing_since is when the current run of failed attempts began.
CREATE TABLE webhook_endpoints (
  id              uuid PRIMARY KEY,
  tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  url             text NOT NULL,
  description     text,
  event_types     text[] NOT NULL,
  secret_key_id   text NOT NULL,
  secret_sealed   bytea NOT NULL,
  enabled         boolean NOT NULL DEFAULT true,
  disabled_reason text,
  failing_since   timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_tenant ON webhook_endpoints (tenant_id, created_at, id);

-- Webhook deliveries: one per event and endpoint, written with the event, so a crash loses none.
-- A delivery is leased (lease_until) for one attempt with FOR UPDATE SKIP LOCKED; it is 'pending'
-- until an attempt succeeds ('delivered') or it is given up ('failed'). Events of one resource go
-- to an endpoint in event order: a delivery waits while an earlier one of its resource is pending.
CREATE TABLE webhook_deliveries (
  id              bigserial PRIMARY KEY,
  endpoint_id     uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  event_id        bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  resource_type   text NOT NULL,
  resource_id     text NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_until     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz,
  UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_resource ON webhook_deliveries (endpoint_id, resource_type, resource_id, event_id)
  WHERE status = 'pending';
CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);

-- Each attempt of a delivery, as the tenant sees it: status code or error, how long it took, and
-- at most a short snippet of the receiver's answer.
CREATE TABLE webhook_attempts (
  id            bigserial PRIMARY KEY,
  delivery_id   bigint NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  endpoint_id   uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  event_id      bigint NOT NULL,
  attempt       integer NOT NULL,
  attempted_at  timestamptz NOT NULL,
  status_code   integer,
  error         text,
  duration_ms   integer NOT NULL,
  response_snippet text
);
CREATE INDEX webhook_attempts_endpoint ON webhook_attempts (endpoint_id, id);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id);
