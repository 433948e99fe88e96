package io.spgate.orders;

import io.spgate.seller.Seller;
import io.spgate.seller.SellerStore;
import io.spgate.spapi.SpApiException;
import io.spgate.store.LeasedRounds;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the orders notifications announced (getOrder: the current state, never the notification's summary) and
 * stores them. Amazon may still show the state before the change for a moment: such a read is stored (it may be newer
 * than ours) and the order read again shortly, a few times; after that polling is the safety net.
 */
final class OrderFetcher {

  private static final Logger LOG = LoggerFactory.getLogger(OrderFetcher.class);
  private static final int BATCH = 50;
  /** Longer than a getOrder may wait for its quota slot (OrdersFeature's CALL_MAX_WAIT) and its answer. */
  private static final Duration LEASE = Duration.ofSeconds(90);
  private static final int MAX_ATTEMPTS = 6;
  private static final Duration FIRST_RETRY = Duration.ofSeconds(2);

  private final SellerStore sellers;
  private final OrderCalls calls;
  private final OrderFetches fetches;
  private final OrderWriter writer;
  private final LeasedRounds<OrderFetches.Fetch> rounds;

  OrderFetcher(SellerStore sellers, OrderCalls calls, OrderFetches fetches, OrderWriter writer) {
    this.sellers = sellers;
    this.calls = calls;
    this.fetches = fetches;
    this.writer = writer;
    this.rounds = new LeasedRounds<>("Order fetches", () -> fetches.leaseDue(BATCH, LEASE), this::fetch);
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

  /** Fetches just became due: a round now rather than at the next tick (on the rounds' own context: they are not shared). */
  void wake() {
    if (context != null) {
      context.runOnContext(v -> rounds.runSoon());
    }
  }

  private Future<Void> fetch(OrderFetches.Fetch fetch) {
    return sellers.byId(fetch.sellerId()).compose(seller -> seller.isEmpty() || seller.get().status() != Seller.Status.ACTIVE
        ? fetches.drop(fetch)
        : calls.getOrder(seller.get(), fetch.amazonOrderId()).map(AmazonOrder::parse)
            .compose(order -> order.lastUpdatedAt().isBefore(fetch.announcedAt().toInstant())
                ? writer.write(seller.get(), order, tx -> Future.succeededFuture()).compose(v -> again(fetch, "Amazon showed a state older "
                    + "than the change announced"))
                : writer.write(seller.get(), order, tx -> fetches.done(tx, fetch)).mapEmpty())
            .recover(e -> failed(fetch, e)));
  }

  private Future<Void> failed(OrderFetches.Fetch fetch, Throwable e) {
    if (e instanceof SpApiException amazon && amazon.result().status() == 404) {
      LOG.info("Order {} of seller {} is unknown to Amazon; its fetch is dropped", fetch.amazonOrderId(), fetch.sellerId());
      return fetches.drop(fetch);
    }
    return again(fetch, e.toString());
  }

  private Future<Void> again(OrderFetches.Fetch fetch, String reason) {
    if (fetch.attempts() + 1 >= MAX_ATTEMPTS) {
      LOG.warn("Order {} of seller {} could not be read after {} attempts ({}); polling will find it", fetch.amazonOrderId(),
          fetch.sellerId(), MAX_ATTEMPTS, reason);
      return fetches.drop(fetch);
    }
    return fetches.retry(fetch, FIRST_RETRY.multipliedBy(1L << fetch.attempts()), reason);
  }
}
