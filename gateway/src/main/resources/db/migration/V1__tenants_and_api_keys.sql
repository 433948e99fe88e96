-- Tenants are the SaaS vendors and merchant accounts that own sellers.
CREATE TABLE tenants (
  id         uuid PRIMARY KEY,
  name       text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- API keys are stored only as SHA-256 hashes; the key itself is shown once, at creation.
-- tenant_id is NULL for admin keys, which act on every tenant.
CREATE TABLE api_keys (
  id         uuid PRIMARY KEY,
  tenant_id  uuid REFERENCES tenants (id) ON DELETE CASCADE,
  name       text NOT NULL,
  key_hash   bytea NOT NULL UNIQUE,
  prefix     text NOT NULL,
  scopes     text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  CHECK ((tenant_id IS NULL) = ('admin' = ANY (scopes)))
);

CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at);
