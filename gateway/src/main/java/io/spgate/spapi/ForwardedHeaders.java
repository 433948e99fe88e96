package io.spgate.spapi;

import io.vertx.core.MultiMap;

/**
 * Which headers cross the gateway. Towards Amazon only content negotiation and the header
 * parameters the models declare go (never the caller's API key, cookies or Host); back to the
 * caller everything Amazon sent except hop-by-hop headers (RFC 9110 7.6.1), which describe one
 * connection and are the gateway's own business on each side.
 */
public final class ForwardedHeaders {

  /** Looked up ignoring case (hashed so), so no header name is lower-cased per call. */
  private static final MultiMap TO_AMAZON = caseInsensitive("content-type", "content-encoding", "accept", "accept-encoding",
      "accept-language",
      // header parameters of the official models
      "x-amzn-idempotencykey", "x-amzn-idempotency-token", "x-amzn-fulfillment-service-id", "x-amzn-shipping-business-id",
      "amountdigitalsignature", "destaccountdigitalsignature", "locale");

  private static final MultiMap EMPTY = MultiMap.caseInsensitiveMultiMap();
  private static final MultiMap HOP_BY_HOP = caseInsensitive("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
      "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

  private ForwardedHeaders() {}

  /** A set of header names, as a headers map of them: its lookups ignore case. Read only, once built. */
  private static MultiMap caseInsensitive(String... names) {
    MultiMap set = MultiMap.caseInsensitiveMultiMap();
    for (String name : names) {
      set.add(name, "");
    }
    return set;
  }

  /** The caller's headers that go to Amazon. */
  public static MultiMap toAmazon(MultiMap caller) {
    MultiMap out = MultiMap.caseInsensitiveMultiMap();
    caller.forEach(h -> {
      if (TO_AMAZON.contains(h.getKey())) {
        out.add(h.getKey(), h.getValue());
      }
    });
    return out;
  }

  /** Copies Amazon's response headers for the caller, leaving out hop-by-hop ones and those its Connection header names. */
  public static void toCaller(MultiMap amazon, MultiMap caller) {
    String connection = amazon.get("connection");
    // A Connection header may name a header twice; a set of what it names must not mind.
    MultiMap named = connection == null ? EMPTY : caseInsensitive(connection.replace(" ", "").split(","));
    amazon.forEach(h -> {
      if (!HOP_BY_HOP.contains(h.getKey()) && !named.contains(h.getKey())) {
        caller.add(h.getKey(), h.getValue());
      }
    });
  }
}
