-- An application is the operator's (owner_tenant_id NULL), used by the tenants it is shared with,
-- or one tenant's own, used by that tenant alone.
ALTER TABLE applications ADD COLUMN owner_tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE;

-- The tenants an operator's application is shared with.
CREATE TABLE application_tenants (
  application  text NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (application, tenant_id)
);

CREATE INDEX application_tenants_tenant ON application_tenants (tenant_id);

-- An upgrade breaks nobody: every application is shared with the tenants that already have sellers on it.
INSERT INTO application_tenants (application, tenant_id) SELECT DISTINCT application, tenant_id FROM sellers;

-- A consent flow of a deleted application can no longer complete.
ALTER TABLE oauth_states DROP CONSTRAINT oauth_states_application_fkey,
  ADD CONSTRAINT oauth_states_application_fkey FOREIGN KEY (application) REFERENCES applications (id) ON DELETE CASCADE;

-- What a consent URL was issued for: a new seller, or re-authorizing one named seller (with its
-- selling partner id, so another merchant's consent cannot replace its credentials); and where the
-- browser lands afterwards.
ALTER TABLE oauth_states
  ADD COLUMN intent             text NOT NULL DEFAULT 'connect' CHECK (intent IN ('connect', 'reauthorize')),
  ADD COLUMN seller_id          uuid,
  ADD COLUMN selling_partner_id text,
  ADD COLUMN return_url         text,
  ADD CONSTRAINT oauth_states_intent_seller CHECK ((intent = 'reauthorize') = (seller_id IS NOT NULL AND selling_partner_id IS NOT NULL));
