package io.spgate.api;

import io.spgate.console.ConsoleRoutes;
import io.spgate.health.HealthRoutes;
import io.spgate.proxy.PassThroughHandler;
import io.spgate.quota.QuotaRoutes;
import io.spgate.seller.AuthorizationRoutes;
import io.spgate.seller.SellerRoutes;
import io.spgate.tenant.TenantRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * One HTTP server instance; the gateway deploys one per event loop, all on the same port. The
 * services it routes to are shared by every instance.
 */
public final class ApiVerticle extends VerticleBase {

  private final GatewayServices services;
  private final int port;
  private HttpServer server;

  public ApiVerticle(GatewayServices services, int port) {
    this.services = services;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    // No response compression: SP-API answers pass through as Amazon encoded them (the caller's
    // Accept-Encoding goes to Amazon), and without it Netty writes every response without a
    // compressor and a chunked-write handler in the way (about 5 % of the gateway's CPU per call).
    HttpServerOptions options = new HttpServerOptions().setHost(services.config().host()).setPort(port);
    // The SP-API pass-through, most of the traffic, is served ahead of the Router, which serves everything else.
    PassThroughHandler requests = new PassThroughHandler(services.authenticator(), services.sellers(), services.operations(),
        services.pipeline(), services.config().quotaMaxWait(), services.requestMetrics(), router(vertx, services, port));
    return vertx.createHttpServer(options).requestHandler(requests).listen().onSuccess(s -> server = s);
  }

  /** Every route the gateway serves but the pass-through ({@link PassThroughHandler#PATH}); a test holds them against openapi.json. */
  static Router router(Vertx vertx, GatewayServices services, int port) {
    Router router = Router.router(vertx);
    router.route().handler(services.requestMetrics()::time);
    router.route().handler(RequestId::assign);
    ProblemResponses.install(router);
    HealthRoutes.mount(router, services.readiness());
    router.get("/metrics").handler(PrometheusScrapingHandler.create(services.metrics()));
    OpenApiRoutes.mount(router, vertx);

    Router v1 = Router.router(vertx);
    v1.route().handler(BodyHandler.create(false).setBodyLimit(services.config().bodyLimitBytes()));
    v1.route().handler(services.authenticator());
    new TenantRoutes(services.tenants(), services.authenticator()).mount(v1);
    new SellerRoutes(services.sellers(), services.applications()).mount(v1);
    AuthorizationRoutes authorizations = new AuthorizationRoutes(services.oauthStates(), services.sellers(), services.applications(),
        services.secrets(), services.lwa(), services.config().sellerCentralUrl(), services.config().publicUrlOrLocal(port));
    authorizations.mount(v1);
    new QuotaRoutes(services.quotaGate(), services.sellers()).mount(v1);
    authorizations.mountCallback(router);
    v1.route().failureHandler(ProblemResponses::fromFailure);
    router.route("/v1/*").subRouter(v1);

    ConsoleRoutes.mount(router);
    router.route().failureHandler(ProblemResponses::fromFailure);
    return router;
  }

  public int actualPort() {
    return server.actualPort();
  }
}
