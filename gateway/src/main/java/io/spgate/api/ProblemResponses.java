package io.spgate.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure, including Vert.x Web's own 404/405/413, into problem+json. */
public final class ProblemResponses {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

  private ProblemResponses() {}

  public static void install(Router router) {
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, ProblemResponses::fromFailure);
    }
  }

  /**
   * Failure handler: {@link ApiException}s carry their problem; Vert.x Web's own failures (unknown
   * route, wrong method, body too large) become theirs; anything else is a bug, logged once here.
   */
  public static void fromFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException api) {
      api.headers().forEach(ctx.response()::putHeader);
      send(ctx, api.problem());
      return;
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    HttpServerRequest request = ctx.request();
    Problem problem = switch (status) {
      case 400 -> Problem.badRequest("bad_request", "The request could not be read.");
      case 404 -> Problem.notFound("No route matches " + request.method() + " " + request.path() + ".");
      case 405 -> new Problem(405, "method_not_allowed", "Method not allowed",
          request.method() + " is not allowed on " + request.path() + ".");
      case 413 -> new Problem(413, "body_too_large", "Request body too large",
          "The request body exceeds the gateway's limit (SPGATE_BODY_LIMIT).");
      case 415 -> new Problem(415, "unsupported_media_type", "Unsupported media type", "Send the body as application/json.");
      default -> null;
    };
    if (problem == null) {
      LOG.error("Unhandled failure on {} {} (request {})", request.method(), request.path(), RequestId.of(ctx), failure);
      problem = Problem.internal();
    }
    send(ctx, problem);
  }

  public static void send(RoutingContext ctx, Problem problem) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (problem.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"spgate\"");
    }
    ctx.response()
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.CONTENT_TYPE)
        .end(problem.toJson(RequestId.of(ctx)).encode());
  }
}
