-- Idempotency keys of mutating /v1 calls (Stripe's rules). A key is its owner's: the tenant of the calling key (or
-- console session), or an admin key's own id when it acts for no tenant (ids are UUIDs, so the two never meet). The
-- first request with a key claims it (claim_id, its own id) with its method and URI and its body's SHA-256; a retry
-- with the same request gets the answer kept here; another request under the key is refused. answer_status is NULL
-- while the first request is in flight. The answer's body is sealed (answer_key_id names the encryption key): some
-- answers show a secret once. Keys are kept 24 hours from their claim, then purged (created_at's index).
CREATE TABLE idempotency_keys (
  owner_id             uuid NOT NULL,
  idempotency_key      text NOT NULL,
  claim_id             uuid NOT NULL,
  request              text NOT NULL,
  body_sha256          bytea NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  answer_status        integer,
  answer_content_type  text,
  answer_location      text,
  answer_key_id        text,
  answer_body          bytea,
  PRIMARY KEY (owner_id, idempotency_key),
  CHECK ((answer_status IS NULL) = (answer_body IS NULL))
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
