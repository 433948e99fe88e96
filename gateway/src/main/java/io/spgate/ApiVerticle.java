package io.spgate;

import io.spgate.console.ConsoleRoutes;
import io.spgate.health.HealthRoutes;
import io.spgate.http.Feature;
import io.spgate.http.IdleConnections;
import io.spgate.http.Json;
import io.spgate.http.ProblemResponses;
import io.spgate.http.RequestGuard;
import io.spgate.http.RequestId;
import io.spgate.logging.LogContext;
import io.spgate.proxy.PassThroughHandler;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP server instance; the gateway deploys one per event loop, all on the same port. The
 * surface it serves is shared by every instance.
 */
final class ApiVerticle extends VerticleBase {

  /** Most of an unread body that is read and dropped after the answer, rather than closing the connection. */
  private static final long UNREAD_DRAIN_LIMIT = 1024 * 1024;

  private final HttpSurface surface;
  private final int port;
  private HttpServer server;

  ApiVerticle(HttpSurface surface, int port) {
    this.surface = surface;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    // No response compression: SP-API answers pass through as Amazon encoded them (the caller's
    // Accept-Encoding goes to Amazon), and without it Netty writes every response without a
    // compressor and a chunked-write handler in the way (about 5 % of the gateway's CPU per call).
    HttpServerOptions options = new HttpServerOptions().setHost(surface.config().host()).setPort(port)
        .setTracingPolicy(surface.tracing().serverPolicy());
    // The SP-API pass-through, most of the traffic, is served ahead of the Router, which serves everything else; the guard
    // answers what neither gets to answer.
    Handler<HttpServerRequest> served = RequestGuard.around(surface.passThrough().ahead(router(vertx, surface)));
    return IdleConnections.server(vertx, options, surface.config().httpIdleTimeout(), request -> {
          // Shutting down: a kept-alive client (one behind a layer-4 balancer too) reconnects, to another instance.
          if (surface.readiness().isDraining()) {
            request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
          }
          served.handle(request);
        })
        .invalidRequestHandler(RequestGuard::invalidRequest)
        .listen()
        .onSuccess(s -> server = s);
  }

  /**
   * At shutdown: takes no new connections, answers the requests in progress within {@code grace}, closing each connection
   * once it is idle, and closes what is left after the grace. The verticle stays deployed: the SP-API clients made on its
   * context close with it, and the workers still use them.
   */
  Future<Void> shutdown(Duration grace) {
    return server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Every route the gateway serves but the pass-through ({@link PassThroughHandler#PATH}); a test holds them against openapi.json. */
  static Router router(Vertx vertx, HttpSurface surface) {
    Router router = Router.router(vertx);
    router.route().handler(surface.requestMetrics()::time);
    router.route().handler(RequestId::assign);
    router.route().handler(ApiVerticle::beginRequestLog);
    router.route().handler(RequestGuard::decodable);
    ProblemResponses.install(router);
    HealthRoutes.mount(router, surface.readiness());
    OpenApiRoutes.mount(router, vertx);

    Router v1 = Router.router(vertx);
    v1.route().handler(Json::formsRefused);
    v1.route().handler(ApiVerticle::holdBody);
    v1.route().handler(surface.authenticator());
    // Within the tenant's own limits, or 429 before anything else is done for the call.
    v1.route().handler(surface.admission()::api);
    for (Feature feature : surface.features()) {
      feature.mountStreaming(v1);
    }
    v1.route().handler(BodyHandler.create(false).setBodyLimit(surface.config().bodyLimitBytes()));
    // Idempotency-Key: after the body handler (the key goes with the body's hash), ahead of the routes it answers for.
    surface.idempotencyKeys().mount(v1);
    for (Feature feature : surface.features()) {
      feature.mountApi(v1);
      feature.mountPublic(router);
    }
    v1.route().failureHandler(ProblemResponses::fromFailure);
    router.route("/v1/*").subRouter(v1);

    ConsoleRoutes.mount(router);
    router.route().failureHandler(ProblemResponses::fromFailure);
    return router;
  }

  /**
   * Authentication reads only headers, but may look a key up first: the body waits, paused, for whoever reads it (the body
   * handler, or a streaming route). One nobody read, because the request was answered first (refused), is read and dropped
   * after the answer when small, else its connection closes: either way the connection does not hang.
   */
  private static void holdBody(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    request.pause();
    ctx.addEndHandler(answered -> {
      if (request.isEnded()) {
        return;
      }
      long[] dropped = {0};
      request.handler(chunk -> {
        dropped[0] += chunk.length();
        if (dropped[0] > UNREAD_DRAIN_LIMIT) {
          request.connection().close();
        }
      });
      request.resume();
    });
    ctx.next();
  }

  /** The request's log lines carry its id from here on ({@link LogContext}). */
  private static void beginRequestLog(RoutingContext ctx) {
    LogContext.beginRequest(RequestId.of(ctx));
    ctx.next();
  }

  int actualPort() {
    return server.actualPort();
  }
}
