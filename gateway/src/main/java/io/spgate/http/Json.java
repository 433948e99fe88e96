package io.spgate.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writing JSON answers and reading JSON bodies the same way on every route. */
public final class Json {

  private Json() {}

  public static Future<Void> send(RoutingContext ctx, int status, Object body) {
    String encoded = body instanceof JsonObject o ? o.encode() : body instanceof JsonArray a ? a.encode()
        : io.vertx.core.json.Json.encode(body);
    return ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(encoded);
  }

  /** Answers with the future's value as JSON, or fails the request with its error. */
  public static <T> void respond(RoutingContext ctx, int status, Future<T> body) {
    body.onComplete(result -> {
      if (result.succeeded()) {
        send(ctx, status, result.result());
      } else {
        ctx.fail(result.cause());
      }
    });
  }

  /** Answers 204 once the work is done, or fails the request with its error. */
  public static void noContent(RoutingContext ctx, Future<?> done) {
    done.onComplete(result -> {
      if (result.succeeded()) {
        ctx.response().setStatusCode(204).end();
      } else {
        ctx.fail(result.cause());
      }
    });
  }

  /** Refuses fields a route does not know, so a misspelt one is not silently ignored. */
  public static void onlyFields(JsonObject body, java.util.Set<String> known) {
    java.util.Set<String> unknown = new java.util.TreeSet<>(body.fieldNames());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new ApiException(Problem.validation("Unknown field(s) " + unknown + "; expected only " + new java.util.TreeSet<>(known) + "."));
    }
  }

  /** The request body as a JSON object, or a 400 problem saying why it is not one. */
  public static JsonObject body(RoutingContext ctx) {
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(new Problem(415, "unsupported_media_type", "Unsupported media type",
          "Send the body as application/json."));
    }
    Object parsed;
    try {
      parsed = ctx.body().buffer() == null ? null : ctx.body().buffer().toJsonValue();
    } catch (RuntimeException e) {
      throw new ApiException(Problem.badRequest("malformed_json", "The body is not valid JSON."));
    }
    if (parsed instanceof JsonObject object) {
      return object;
    }
    throw new ApiException(Problem.badRequest("malformed_json", "The body must be a JSON object."));
  }
}
