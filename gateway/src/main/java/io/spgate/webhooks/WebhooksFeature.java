package io.spgate.webhooks;

import io.micrometer.core.instrument.MeterRegistry;
import io.spgate.crypto.SecretBox;
import io.spgate.events.EventRoutes;
import io.spgate.events.Outbox;
import io.spgate.http.Feature;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Events and webhooks: the tenant's event stream ({@code GET /v1/events}), its webhook endpoints,
 * and the worker on every instance that delivers each event to each endpoint that wants it, signed,
 * retried, in order per resource.
 */
public final class WebhooksFeature implements Feature {

  /** How often each instance looks for deliveries that are due. */
  static final Duration TICK = Duration.ofSeconds(1);
  /** One attempt as a whole: connect, send, answer. */
  static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration BACKLOG_EVERY = Duration.ofSeconds(10);

  private final Vertx vertx;
  private long backlogTimer;
  private final EventRoutes events;
  private final WebhookRoutes routes;
  private final DeliveryWorker worker;
  private final WebhookSender sender;

  /** @param allowPrivate whether endpoints may be on private addresses and plain http (SPGATE_WEBHOOKS_ALLOW_PRIVATE) */
  public WebhooksFeature(Vertx vertx, Pool pool, SecretBox secrets, MeterRegistry registry, boolean allowPrivate) {
    this(vertx, pool, secrets, registry, allowPrivate, Clock.systemUTC(), ATTEMPT_TIMEOUT);
  }

  /** With a clock a test moves, and a shorter attempt timeout. */
  WebhooksFeature(Vertx vertx, Pool pool, SecretBox secrets, MeterRegistry registry, boolean allowPrivate, Clock clock,
      Duration attemptTimeout) {
    this.vertx = vertx;
    Outbox outbox = new Outbox();
    WebhookEndpointStore endpoints = new WebhookEndpointStore(pool, secrets);
    DeliveryStore deliveries = new DeliveryStore(pool, outbox);
    WebhookTargets targets = new WebhookTargets(vertx, allowPrivate);
    this.sender = new WebhookSender(vertx, attemptTimeout);
    this.events = new EventRoutes(pool);
    this.routes = new WebhookRoutes(pool, endpoints, deliveries, targets, outbox);
    this.worker = new DeliveryWorker(vertx, deliveries, endpoints, targets, sender, new WebhookMetrics(registry), clock,
        () -> ThreadLocalRandom.current().nextDouble(), attemptTimeout);
  }

  @Override
  public void mountApi(Router v1) {
    events.mount(v1);
    routes.mount(v1);
  }

  @Override
  public Future<Void> startWorkers() {
    worker.start(TICK);
    backlogTimer = vertx.setPeriodic(BACKLOG_EVERY.toMillis(), id -> worker.refreshBacklog());
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stopWorkers() {
    vertx.cancelTimer(backlogTimer);
    return worker.stop();
  }

  DeliveryWorker worker() {
    return worker;
  }

  Future<Void> close() {
    return sender.close();
  }
}
