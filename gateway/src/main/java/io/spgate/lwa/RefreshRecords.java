package io.spgate.lwa;

import io.spgate.seller.SellerStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Successful refreshes, written to the sellers' token health a few at a time, after the token was
 * handed on: a refresh waits for LWA only, not for Postgres, and when ten thousand sellers start
 * at once Postgres gets a statement every {@link #EVERY_MILLIS} instead of one per refresh. A
 * failed write is logged and dropped: the seller's next refresh records it again.
 */
final class RefreshRecords {

  static final long EVERY_MILLIS = 250;
  static final int PER_STATEMENT = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(RefreshRecords.class);

  private final Vertx vertx;
  private final SellerStore sellers;
  private final Queue<SellerStore.Refreshed> queued = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  RefreshRecords(Vertx vertx, SellerStore sellers) {
    this.vertx = vertx;
    this.sellers = sellers;
  }

  void add(SellerStore.Refreshed refresh) {
    queued.add(refresh);
    scheduleRound();
  }

  /** One round at a time: the first refresh queued after a round schedules the next. */
  private void scheduleRound() {
    if (scheduled.compareAndSet(false, true)) {
      vertx.setTimer(EVERY_MILLIS, id -> write());
    }
  }

  /** Writes what is queued now, without waiting for the next round (the instance is stopping). */
  Future<Void> flush() {
    return queued.isEmpty() ? Future.succeededFuture() : writeBatch().transform(done -> flush());
  }

  private Future<Void> writeBatch() {
    List<SellerStore.Refreshed> batch = new ArrayList<>();
    for (SellerStore.Refreshed next; batch.size() < PER_STATEMENT && (next = queued.poll()) != null; ) {
      batch.add(next);
    }
    return batch.isEmpty() ? Future.succeededFuture() : sellers.recordRefreshes(batch)
        .onFailure(e -> LOG.warn("{} refreshes could not be recorded in the sellers' token health: {}", batch.size(), e.getMessage()));
  }

  private void write() {
    writeBatch().onComplete(done -> {
      scheduled.set(false);
      // Added meanwhile (or beyond this statement): another round.
      if (!queued.isEmpty()) {
        scheduleRound();
      }
    });
  }
}
