-- What each instance saw of each tenant's SP-API calls and token refreshes, per 10-second slot, for the console's overview
-- (kept two hours). waits: counts of quota waits per bucket of io.spgate.overview.WaitBuckets.
CREATE TABLE activity_slots (
  tenant_id   uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  slot_start  timestamptz NOT NULL,
  instance_id uuid        NOT NULL,
  calls       bigint      NOT NULL,
  throttles   bigint      NOT NULL,
  token_failures bigint   NOT NULL,
  waits       bigint[]    NOT NULL,
  PRIMARY KEY (tenant_id, slot_start, instance_id)
);
CREATE INDEX activity_slots_start ON activity_slots (slot_start);
