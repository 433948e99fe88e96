-- A tenant's own limits on the gateway (GET/PUT /v1/tenants/{tenantId}/limits): each column NULL takes the instance's
-- default (SPGATE_TENANT_MAX_CONCURRENT, SPGATE_TENANT_RATE). Read by every instance, cached there briefly.
CREATE TABLE tenant_limits (
  tenant_id        uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  max_concurrent   integer CHECK (max_concurrent >= 1),
  calls_per_second double precision CHECK (calls_per_second > 0),
  burst            integer CHECK (burst >= 1),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
