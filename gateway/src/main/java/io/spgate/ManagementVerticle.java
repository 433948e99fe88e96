package io.spgate;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.spgate.config.GatewayConfig;
import io.spgate.health.HealthRoutes;
import io.spgate.health.Readiness;
import io.spgate.http.IdleConnections;
import io.spgate.http.ProblemResponses;
import io.spgate.http.RequestId;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * The management port (SPGATE_MANAGEMENT_PORT): Prometheus' {@code /metrics}, which names every
 * tenant's sellers and so stays off the API port, and the health routes, which the API port serves
 * too for load balancers. One instance: scrapes and probes are few.
 */
final class ManagementVerticle extends VerticleBase {

  private final GatewayConfig config;
  private final Readiness readiness;
  private final PrometheusMeterRegistry metrics;
  private HttpServer server;

  ManagementVerticle(GatewayConfig config, Readiness readiness, PrometheusMeterRegistry metrics) {
    this.config = config;
    this.readiness = readiness;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    // Scrapes and probes are no one's trace.
    HttpServerOptions options = new HttpServerOptions().setHost(config.managementHost()).setPort(config.managementPort())
        .setTracingPolicy(TracingPolicy.IGNORE);
    return IdleConnections.server(vertx, options, config.httpIdleTimeout(), router()).listen().onSuccess(s -> server = s);
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(RequestId::assign);
    ProblemResponses.install(router);
    HealthRoutes.mount(router, readiness);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics));
    router.route().failureHandler(ProblemResponses::fromFailure);
    return router;
  }

  int actualPort() {
    return server.actualPort();
  }
}
