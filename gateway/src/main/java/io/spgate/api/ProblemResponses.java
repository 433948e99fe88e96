package io.spgate.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure, including Vert.x Web's own 404/405/413, into problem+json. */
public final class ProblemResponses {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

  private ProblemResponses() {}

  public static void install(Router router) {
    router.errorHandler(404, ctx -> send(ctx, Problem.notFound("No route matches " + ctx.request().method()
        + " " + ctx.request().path() + ".")));
    router.errorHandler(405, ctx -> send(ctx, new Problem(405, "method_not_allowed", "Method not allowed",
        ctx.request().method() + " is not allowed on " + ctx.request().path() + ".")));
    router.errorHandler(413, ctx -> send(ctx, new Problem(413, "body_too_large", "Request body too large",
        "The request body exceeds the gateway's limit (SPGATE_BODY_LIMIT).")));
    router.errorHandler(400, ctx -> send(ctx, Problem.badRequest("bad_request",
        "The request could not be read.")));
    router.errorHandler(500, ProblemResponses::fromFailure);
  }

  /** Failure handler: {@link ApiException}s carry their problem; anything else is a bug, logged once here. */
  static void fromFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException api) {
      send(ctx, api.problem());
      return;
    }
    if (failure instanceof io.vertx.ext.web.handler.HttpException http && http.getStatusCode() < 500) {
      send(ctx, new Problem(http.getStatusCode(), "bad_request", "Bad request", "The request could not be read."));
      return;
    }
    LOG.error("Unhandled failure on {} {} (request {})", ctx.request().method(), ctx.request().path(),
        RequestId.of(ctx), failure);
    send(ctx, Problem.internal());
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
