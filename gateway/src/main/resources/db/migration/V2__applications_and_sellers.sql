-- LWA applications. Secrets are AES-256-GCM ciphertext (iv || ciphertext || tag) with the id of
-- the key that sealed them; plaintext never reaches the database.
CREATE TABLE applications (
  id                    text PRIMARY KEY,
  application_id        text NOT NULL,
  client_id             text NOT NULL,
  client_secret_key_id  text NOT NULL,
  client_secret         bytea NOT NULL,
  redirect_uri          text,
  draft                 boolean NOT NULL DEFAULT false,
  aws_access_key_id     text,
  aws_secret_key_id     text,
  aws_secret            bytea,
  aws_role_arn          text,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK ((aws_access_key_id IS NULL) = (aws_secret IS NULL))
);

-- A seller is one selling partner authorized to one application, owned by one tenant.
CREATE TABLE sellers (
  id                      uuid PRIMARY KEY,
  tenant_id               uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  selling_partner_id      text NOT NULL,
  application             text NOT NULL REFERENCES applications (id),
  region                  text NOT NULL CHECK (region IN ('na', 'eu', 'fe')),
  marketplaces            text[] NOT NULL,
  status                  text NOT NULL CHECK (status IN ('active', 'reauth_required', 'disabled')),
  refresh_token_key_id    text NOT NULL,
  refresh_token           bytea NOT NULL,
  last_refresh_at         timestamptz,
  token_expires_at        timestamptz,
  last_error              text,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, application, selling_partner_id)
);

CREATE INDEX sellers_tenant_created ON sellers (tenant_id, created_at, id);

-- Single-use OAuth states: a state is consumed by marking used_at, so a replay finds it used.
CREATE TABLE oauth_states (
  nonce         text PRIMARY KEY,
  tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  application   text NOT NULL REFERENCES applications (id),
  region        text NOT NULL,
  marketplaces  text[] NOT NULL,
  expires_at    timestamptz NOT NULL,
  used_at       timestamptz
);
