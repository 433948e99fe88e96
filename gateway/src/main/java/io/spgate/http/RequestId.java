package io.spgate.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request an id, echoed in {@code X-Request-Id} on every response. A caller's own id
 * is kept when it is safe to log; otherwise a new one is made.
 */
public final class RequestId {

  public static final String HEADER = "X-Request-Id";
  private static final String KEY = "requestId";
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private RequestId() {}

  /** For the Router's requests: the id is kept in the routing context. */
  public static void assign(RoutingContext ctx) {
    ctx.put(KEY, assign(ctx.request()));
    ctx.next();
  }

  /** Gives a request its id, set on its response; answers the id. */
  public static String assign(HttpServerRequest request) {
    String incoming = request.getHeader(HEADER);
    String id = incoming != null && SAFE.matcher(incoming).matches() ? incoming : newId();
    request.response().putHeader(HEADER, id);
    return id;
  }

  /** A random version-4 UUID. Ids need to be unique, not secret, so no SecureRandom on every request. */
  static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  public static String of(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  /** The id the request was given, or one given now, for an answer that no route gives. */
  public static String of(HttpServerRequest request) {
    String given = request.response().headers().get(HEADER);
    return given != null ? given : assign(request);
  }
}
