package io.spgate.idempotency;

import java.util.UUID;

/**
 * A request's hold on an idempotency key: whose key it is (a tenant, or an admin key acting for none), the key, and
 * this request's own id, so that nothing this request does later touches a claim that passed to another request.
 */
record Claim(UUID owner, IdempotencyKey key, UUID id) {}
