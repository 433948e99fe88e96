package io.spgate.orders;

import io.micrometer.core.instrument.MeterRegistry;
import io.spgate.events.Outbox;
import io.spgate.http.Feature;
import io.spgate.notifications.NotificationEffect;
import io.spgate.quota.QuotaGate;
import io.spgate.seller.SellerStore;
import io.spgate.spapi.SpApiClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Orders: every Amazon order of every seller once, in one shape. ORDER_CHANGE notifications drive the sync (each
 * announced order is read again with getOrder); polling by searchOrders is the safety net and tells whether a seller's
 * notifications can be trusted. Stored by (seller, Amazon order id) with the order's own update time, so an older
 * state never overwrites a newer one; each real change writes its event in the same transaction.
 */
public final class OrdersFeature implements Feature {

  /** How often each instance looks for due fetches and polls (fetches are also woken by each notification). */
  private static final Duration TICK = Duration.ofSeconds(1);
  /** A getOrder or searchOrders call may wait this long for its quota slot; past it the fetch or poll goes again later. */
  private static final Duration CALL_MAX_WAIT = Duration.ofSeconds(20);
  private static final Duration HEALTH_GAUGE_EVERY = Duration.ofSeconds(30);

  private final Vertx vertx;
  private long gaugeTimer;
  private final OrderRoutes routes;
  private final OrderFetcher fetcher;
  private final OrderPoller poller;
  private final OrderChangeEffect orderChange;
  private final OrderMetrics metrics;
  private final OrderSyncStore syncs;

  public OrdersFeature(Vertx vertx, Pool pool, MeterRegistry registry, SellerStore sellers, SpApiClient spApi, QuotaGate quotas,
      OrderPoller.Schedule schedule) {
    this.vertx = vertx;
    this.metrics = new OrderMetrics(registry);
    OrderStore orders = new OrderStore(pool);
    this.syncs = new OrderSyncStore(pool);
    OrderFetches fetches = new OrderFetches(pool);
    OrderCalls calls = new OrderCalls(spApi, CALL_MAX_WAIT);
    OrderWriter writer = new OrderWriter(orders, new OrderEvents(new Outbox()), metrics);
    this.fetcher = new OrderFetcher(sellers, calls, fetches, writer);
    this.poller = new OrderPoller(sellers, calls, orders, syncs, writer, quotas, schedule, Clock.systemUTC());
    this.orderChange = new OrderChangeEffect(fetches, fetcher::wake);
    this.routes = new OrderRoutes(orders, syncs, sellers, calls, new Shipments(pool, spApi, CALL_MAX_WAIT, fetches, fetcher::wake),
        poller);
  }

  /** What notifications do to orders, by notification type. */
  public Map<String, NotificationEffect> notificationEffects() {
    return Map.of("ORDER_CHANGE", orderChange);
  }

  @Override
  public void mountApi(Router v1) {
    routes.mount(v1);
  }

  @Override
  public Future<Void> startWorkers() {
    fetcher.start(vertx, TICK);
    poller.start(vertx, TICK);
    gaugeTimer = vertx.setPeriodic(HEALTH_GAUGE_EVERY.toMillis(), id -> syncs.unhealthySellers().onSuccess(metrics::unhealthySellers));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stopWorkers() {
    vertx.cancelTimer(gaugeTimer);
    return Future.join(poller.stop(), fetcher.stop()).mapEmpty();
  }
}
