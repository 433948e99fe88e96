-- Console sessions: an API key exchanged for a session at sign-in, so the browser never keeps the key.
-- Only a hash of the session id (the cookie) is stored. Revoking or deleting the key ends its sessions.
CREATE TABLE console_sessions (
  id_hash      bytea PRIMARY KEY,
  api_key_id   uuid NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
  signed_in_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);

CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);
CREATE INDEX console_sessions_key ON console_sessions (api_key_id);
