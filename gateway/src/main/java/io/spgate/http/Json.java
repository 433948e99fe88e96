package io.spgate.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Writing JSON answers and reading JSON bodies the same way on every route. */
public final class Json {

  static final Problem UNSUPPORTED = new Problem(415, "unsupported_media_type", "Unsupported media type",
      "Send the body as application/json.");

  private static final String GATE = "json.answerGate";

  private Json() {}

  public static Future<Void> send(RoutingContext ctx, int status, Object body) {
    String encoded = body instanceof JsonObject o ? o.encode() : body instanceof JsonArray a ? a.encode()
        : io.vertx.core.json.Json.encode(body);
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    return end(ctx, Buffer.buffer(encoded));
  }

  /** Puts the gate between this request's answers sent here ({@link #send}, {@link #noContent}) and the wire. */
  public static void gate(RoutingContext ctx, AnswerGate gate) {
    ctx.put(GATE, gate);
  }

  private static Future<Void> end(RoutingContext ctx, Buffer body) {
    AnswerGate gate = ctx.get(GATE);
    return gate == null ? ctx.response().end(body) : gate.pass(ctx.response(), body).transform(passed -> ctx.response().end(body));
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
        ctx.response().setStatusCode(204);
        end(ctx, Buffer.buffer());
      } else {
        ctx.fail(result.cause());
      }
    });
  }

  /** Refuses fields a route does not know, so a misspelt one is not silently ignored. */
  public static void onlyFields(JsonObject body, Set<String> known) {
    Set<String> unknown = new TreeSet<>(body.fieldNames());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new ApiException(Problem.validation("Unknown field(s) " + unknown + "; expected only " + new TreeSet<>(known) + "."));
    }
  }

  /**
   * Ahead of the body handler: the API reads JSON only, and Vert.x Web would decode a form or
   * multipart body (and fail on one it cannot decode, or on any that comes with a GET), so those
   * are refused at once.
   */
  public static void formsRefused(RoutingContext ctx) {
    MultiMap headers = ctx.request().headers();
    String type = String.valueOf(headers.get(HttpHeaders.CONTENT_TYPE)).toLowerCase(Locale.ROOT);
    boolean body = headers.contains(HttpHeaders.CONTENT_LENGTH) || headers.contains(HttpHeaders.TRANSFER_ENCODING);
    if (body && (type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded"))) {
      throw new ApiException(UNSUPPORTED);
    }
    ctx.next();
  }

  /** The request body as a JSON object, or a 400 problem saying why it is not one. */
  public static JsonObject body(RoutingContext ctx) {
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(UNSUPPORTED);
    }
    Object parsed;
    try {
      parsed = ctx.body().buffer() == null ? null : ctx.body().buffer().toJsonValue();
    } catch (RuntimeException e) {
      throw new ApiException(Problem.badRequest("malformed_json", "The body is not valid JSON."));
    }
    if (!(parsed instanceof JsonObject object)) {
      throw new ApiException(Problem.badRequest("malformed_json", "The body must be a JSON object."));
    }
    if (holdsNul(object)) {
      throw new ApiException(Problem.validation("No text in the body may hold a NUL character (\\u0000)."));
    }
    return object;
  }

  /** Whether a key or string anywhere in the value holds a NUL, which no field takes (and Postgres cannot store). */
  private static boolean holdsNul(Object value) {
    if (value instanceof String text) {
      return text.indexOf('\0') >= 0;
    }
    if (value instanceof JsonObject object) {
      return object.stream().anyMatch(field -> field.getKey().indexOf('\0') >= 0 || holdsNul(field.getValue()));
    }
    return value instanceof JsonArray array && array.stream().anyMatch(Json::holdsNul);
  }
}
