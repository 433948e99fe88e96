package io.spgate.api;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
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

  public static void assign(RoutingContext ctx) {
    String incoming = ctx.request().getHeader(HEADER);
    String id = incoming != null && SAFE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    ctx.next();
  }

  public static String of(RoutingContext ctx) {
    return ctx.get(KEY);
  }
}
