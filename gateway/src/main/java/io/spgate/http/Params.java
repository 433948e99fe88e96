package io.spgate.http;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;

/** Reading query and path parameters the same way on every route, with problem+json on bad input. */
public final class Params {

  private Params() {}

  public static Optional<String> query(RoutingContext ctx, String name) {
    return Optional.ofNullable(ctx.queryParams().get(name)).filter(s -> !s.isEmpty());
  }

  /** {@code ?limit=}: a page size from 1 to {@code max}, {@code fallback} when absent. */
  public static int limit(RoutingContext ctx, int fallback, int max) {
    Optional<String> raw = query(ctx, "limit");
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(raw.get());
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ApiException(Problem.validation("'limit' must be a whole number 1-" + max + "."));
  }

  /** A required id in the query; one that is malformed names nothing, so it is a 404. */
  public static UUID queryId(RoutingContext ctx, String name, String what) {
    String raw = query(ctx, name).orElseThrow(() -> new ApiException(Problem.validation("'" + name + "' is required.")));
    return id(raw, what);
  }

  /** A path id; a malformed one names nothing that exists, so it is a 404 like any unknown id. */
  public static UUID pathId(RoutingContext ctx, String name, String what) {
    return id(ctx.pathParam(name), what);
  }

  /** An id as the caller wrote it; a malformed one names nothing, so it is a 404. */
  public static UUID id(String raw, String what) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw new ApiException(Problem.notFound(what + " " + raw + " does not exist."));
    }
  }
}
