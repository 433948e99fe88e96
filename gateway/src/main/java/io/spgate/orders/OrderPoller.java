package io.spgate.orders;

import io.spgate.quota.QuotaGate;
import io.spgate.seller.Seller;
import io.spgate.seller.SellerStore;
import io.spgate.store.LeasedRounds;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net under the notifications: the orders changed since its checkpoint (less an overlap) of every seller whose
 * orders spgate keeps (from the first {@code POST /v1/sellers/{id}/orders/sync}), by
 * searchOrders, all pages, up to two minutes before now (Amazon refuses later), in UTC. searchOrders allows one call
 * per three minutes per seller with a burst of 20, so a round spends at most what leaves {@link #RESERVE} of the burst
 * and reads on from the page it stopped at in the next round. A change polling finds that no notification announced
 * marks the seller's notifications unhealthy, and the seller is polled as often as the quota allows until a round
 * finds nothing missed while notifications arrive again.
 */
public final class OrderPoller {

  private static final Logger LOG = LoggerFactory.getLogger(OrderPoller.class);
  /** Amazon refuses a lastUpdatedBefore closer than two minutes to now; a few seconds more absorb clock skew. */
  static final Duration SETTLING = Duration.ofMinutes(2).plusSeconds(5);
  /** searchOrders tokens a round leaves in the seller's bucket, for calls of the seller's own (the pass-through). */
  private static final int RESERVE = 5;
  private static final int BATCH = 20;
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);

  /** How often sellers are polled, how far back a seller's first poll looks, and how much windows overlap. */
  public record Schedule(Duration every, Duration whenUnhealthy, Duration overlap, Duration firstLookback) {}

  private final SellerStore sellers;
  private final OrderCalls calls;
  private final OrderStore orders;
  private final OrderSyncStore syncs;
  private final OrderWriter writer;
  private final QuotaGate quotas;
  private final Schedule schedule;
  private final Clock clock;
  private final LeasedRounds<OrderSyncStore.SyncState> rounds;

  OrderPoller(SellerStore sellers, OrderCalls calls, OrderStore orders, OrderSyncStore syncs, OrderWriter writer, QuotaGate quotas,
      Schedule schedule, Clock clock) {
    this.sellers = sellers;
    this.calls = calls;
    this.orders = orders;
    this.syncs = syncs;
    this.writer = writer;
    this.quotas = quotas;
    this.schedule = schedule;
    this.clock = clock;
    this.rounds = new LeasedRounds<>("Order polls", () -> syncs.leaseDue(BATCH, LEASE), this::poll);
  }

  private Context context;

  void start(Vertx vertx, Duration tick) {
    context = vertx.getOrCreateContext();
    context.runOnContext(v -> rounds.every(vertx, tick));
  }

  /** No more rounds; completes when the round in hand ended. */
  Future<Void> stop() {
    return rounds.stop();
  }

  /**
   * The seller is polled now rather than when due (the API's "sync now"; searchOrders' burst allows a few); a seller
   * whose orders were not kept yet is kept from now on.
   */
  Future<Void> pollNow(UUID sellerId) {
    return syncs.dueNow(sellerId).onSuccess(v -> {
      if (context != null) {
        context.runOnContext(x -> rounds.runSoon());
      }
    });
  }

  private Future<Void> poll(OrderSyncStore.SyncState sync) {
    return sellers.byId(sync.sellerId()).compose(seller -> {
      if (seller.isEmpty() || seller.get().status() != Seller.Status.ACTIVE) {
        return syncs.failed(sync.sellerId(), "the seller is not active", clock.instant().plus(schedule.every()));
      }
      Instant now = clock.instant();
      Optional<OrderSyncStore.PageLeft> left = sync.pageLeft();
      Instant after = left.map(OrderSyncStore.PageLeft::after).orElseGet(() -> sync.checkpoint().map(c -> c.minus(schedule.overlap()))
          .orElse(now.minus(schedule.firstLookback())));
      Instant before = left.map(OrderSyncStore.PageLeft::before).orElse(now.minus(SETTLING));
      if (!after.isBefore(before)) {
        return syncs.finished(sync.sellerId(), sync.checkpoint().orElse(before), sync.health(), false, 0, now.plus(schedule.every()));
      }
      Round round = new Round(seller.get(), sync, after, before);
      return round.page(left.map(OrderSyncStore.PageLeft::token))
          .recover(e -> {
            LOG.info("Orders of seller {} could not be polled: {}", sync.sellerId(), e.toString());
            return syncs.failed(sync.sellerId(), e.getMessage(), clock.instant().plus(RETRY_AFTER_FAILURE));
          });
    });
  }

  /** One seller's round: pages read so far, and the changes found that no notification announced. */
  private final class Round {
    final Seller seller;
    final OrderSyncStore.SyncState sync;
    final Instant after;
    final Instant before;
    int missed;

    Round(Seller seller, OrderSyncStore.SyncState sync, Instant after, Instant before) {
      this.seller = seller;
      this.sync = sync;
      this.after = after;
      this.before = before;
    }

    Future<Void> page(Optional<String> token) {
      return tokensLeft().compose(tokens -> {
        if (tokens < RESERVE + 1) {
          // Out of budget: read on from here when the bucket has refilled.
          Instant next = clock.instant().plus(Duration.ofMinutes(3));
          return token.isPresent() ? syncs.paused(seller.id(), new OrderSyncStore.PageLeft(token.get(), after, before), next)
              : syncs.failed(seller.id(), "searchOrders budget spent", next);
        }
        return calls.searchOrders(seller, after, before, token).compose(page -> store(page.orders()).compose(v -> page.nextToken()
            .map(next -> page(Optional.of(next))).orElseGet(this::finish)));
      });
    }

    private Future<Double> tokensLeft() {
      return quotas.bucket(seller.quotaOwner(), "orders_2026-01-01", "searchOrders")
          .map(bucket -> bucket.map(b -> b.state().tokens()).orElse((double) RESERVE + 1));
    }

    /** Stores what is newer than what spgate has; counts what was newer although no notification announced it. */
    private Future<Void> store(List<JsonObject> page) {
      List<AmazonOrder> parsed = new ArrayList<>();
      for (JsonObject json : page) {
        parsed.add(AmazonOrder.parse(json));
      }
      List<String> ids = parsed.stream().map(AmazonOrder::amazonOrderId).toList();
      return orders.stamps(seller.id(), ids).compose(stamps -> {
        List<AmazonOrder> newer = parsed.stream().filter(o -> isNewer(o, stamps)).toList();
        return syncs.announced(seller.id(), newer.stream().map(AmazonOrder::amazonOrderId).toList()).compose(announced -> {
          Set<String> pending = new HashSet<>(announced);
          Future<Void> chain = Future.succeededFuture();
          for (AmazonOrder order : newer) {
            // A seller's first reading (no checkpoint yet) imports its history: nothing was missed then.
            if (!pending.contains(order.amazonOrderId()) && sync.checkpoint().isPresent()) {
              missed++;
            }
            chain = chain.compose(v -> writer.write(seller, order, tx -> Future.succeededFuture()).mapEmpty());
          }
          return chain;
        });
      });
    }

    private boolean isNewer(AmazonOrder order, Map<String, OffsetDateTime> stamps) {
      OffsetDateTime stored = stamps.get(order.amazonOrderId());
      return stored == null || stored.toInstant().isBefore(order.lastUpdatedAt());
    }

    private Future<Void> finish() {
      OrderSyncStore.Health health = nextHealth();
      boolean changed = health != sync.health();
      if (changed) {
        LOG.info("Notifications of seller {} are now {} ({} changes found only by polling)", seller.id(), health.value(), missed);
      }
      Duration every = health == OrderSyncStore.Health.UNHEALTHY ? schedule.whenUnhealthy() : schedule.every();
      return syncs.finished(seller.id(), before, health, changed, missed, clock.instant().plus(every));
    }

    /**
     * Unhealthy as soon as polling finds a change no notification announced; healthy again once a round finds none while
     * notifications arrived since the seller was marked (a seller whose orders do not move proves nothing either way).
     */
    private OrderSyncStore.Health nextHealth() {
      if (missed > 0) {
        return OrderSyncStore.Health.UNHEALTHY;
      }
      boolean heardSince = sync.lastNotificationAt().map(at -> at.isAfter(sync.healthSince())).orElse(false);
      return switch (sync.health()) {
        case UNHEALTHY -> heardSince ? OrderSyncStore.Health.HEALTHY : OrderSyncStore.Health.UNHEALTHY;
        case UNKNOWN -> sync.lastNotificationAt().isPresent() ? OrderSyncStore.Health.HEALTHY : OrderSyncStore.Health.UNKNOWN;
        default -> OrderSyncStore.Health.HEALTHY;
      };
    }
  }
}
