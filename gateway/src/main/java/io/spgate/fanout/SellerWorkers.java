package io.spgate.fanout;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes sellers with due rounds by lease, on every instance: each tick leases as many as this
 * instance has room for and runs their rounds side by side. A seller is on one instance at a time;
 * one whose instance died is taken by another once its lease ran out.
 */
final class SellerWorkers {

  private static final Logger LOG = LoggerFactory.getLogger(SellerWorkers.class);
  /** How often finished jobs are ended: a probe per seller of each open job (update_items_seller_open), cheap enough to do often. */
  private static final Duration SWEEP = Duration.ofMillis(500);
  /**
   * Sellers leased per tick at most. Taking all the room at once lets the first instance to tick take every seller of a new
   * job that is due (a job's few big sellers, due first, all on one instance); a few per tick spreads them over instances.
   */
  private static final int LEASE_BATCH = 16;

  private final Vertx vertx;
  private final WorkStore work;
  private final SellerRound round;
  private final int concurrent;
  private final Duration lease;
  /** Rounds complete on whichever event loop their last call ended on. */
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicBoolean leasing = new AtomicBoolean();

  /** @param concurrent how many sellers' rounds this instance runs at once */
  /** @param lease how long a seller is held: long enough for a round, short enough for a dead instance's sellers to move on */
  SellerWorkers(Vertx vertx, WorkStore work, SellerRound round, int concurrent, Duration lease) {
    this.lease = lease;
    this.vertx = vertx;
    this.work = work;
    this.round = round;
    this.concurrent = concurrent;
  }

  void start(Duration tick) {
    vertx.setPeriodic(tick.toMillis(), id -> lease());
    vertx.setPeriodic(SWEEP.toMillis(), id -> work.sweepEndedJobs()
        .onFailure(e -> LOG.warn("Ended update jobs could not be marked done: {}", e.getMessage())));
  }

  private void lease() {
    int room = Math.min(LEASE_BATCH, concurrent - active.get());
    if (room <= 0 || !leasing.compareAndSet(false, true)) {
      return;
    }
    work.leaseDue(room, lease)
        .onSuccess(this::runAll)
        .onFailure(e -> LOG.warn("Sellers with updates could not be leased: {}", e.getMessage()))
        .onComplete(done -> leasing.set(false));
  }

  private void runAll(List<UUID> sellers) {
    for (UUID sellerId : sellers) {
      active.incrementAndGet();
      round.run(sellerId).onComplete(done -> active.decrementAndGet());
    }
  }
}
