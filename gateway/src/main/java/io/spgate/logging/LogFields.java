package io.spgate.logging;

import java.util.UUID;

/**
 * What one request's (or one background call's) log lines carry besides their message: its id, who called, for which
 * seller and SP-API operation, and the trace it is part of. A field is null until it is known. Ids stay UUIDs until a
 * line is written: most requests log nothing.
 */
public record LogFields(String requestId, UUID tenantId, UUID sellerId, String operation, String traceId, String spanId) {

  static final LogFields NONE = new LogFields(null, null, null, null, null, null);

  LogFields withTenant(UUID tenant) {
    return new LogFields(requestId, tenant, sellerId, operation, traceId, spanId);
  }

  LogFields withCall(UUID tenant, UUID seller, String operationId) {
    return new LogFields(requestId, tenant, seller, operationId, traceId, spanId);
  }
}
