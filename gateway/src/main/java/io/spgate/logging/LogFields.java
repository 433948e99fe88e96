package io.spgate.logging;

/**
 * What one request's (or one background call's) log lines carry besides their message: its id, who called, for which
 * seller and SP-API operation, and the trace it is part of. A field is null until it is known.
 */
public record LogFields(String requestId, String tenantId, String sellerId, String operation, String traceId, String spanId) {

  static final LogFields NONE = new LogFields(null, null, null, null, null, null);

  LogFields withTenant(String tenant) {
    return new LogFields(requestId, tenant, sellerId, operation, traceId, spanId);
  }

  LogFields withSeller(String tenant, String seller) {
    return new LogFields(requestId, tenant, seller, operation, traceId, spanId);
  }

  LogFields withOperation(String operationId) {
    return new LogFields(requestId, tenantId, sellerId, operationId, traceId, spanId);
  }
}
