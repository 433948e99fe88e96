package io.spgate.fanout;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes sellers with due rounds by lease, on every instance: each tick leases as many as this
 * instance has room for and runs their rounds side by side. A seller is on one instance at a time;
 * one whose instance died is taken by another once its lease ran out, one whose instance shut down
 * at once: a stopping instance ends the rounds in hand and lets their sellers go.
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
  /** The rounds running here, and sellers being let go, for a shutdown to wait on. */
  private final Set<Future<Void>> inHand = ConcurrentHashMap.newKeySet();
  /** Leasing and stopping happen on the ticks' context, so a stop sees the lease call that may still bring sellers. */
  private Context context;
  private Future<Void> leaseCall = Future.succeededFuture();
  private boolean stopped;
  private final List<Long> timers = new ArrayList<>();

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
    context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      timers.add(vertx.setPeriodic(tick.toMillis(), id -> lease()));
      timers.add(vertx.setPeriodic(SWEEP.toMillis(), id -> work.sweepEndedJobs()
          .onFailure(e -> LOG.warn("Ended update jobs could not be marked done: {}", e.getMessage()))));
    });
  }

  /** Leases no more sellers; completes when the rounds in hand ended and every seller leased here was let go. */
  Future<Void> stop() {
    if (context == null) {
      return Future.succeededFuture();
    }
    Promise<Void> ended = Promise.promise();
    context.runOnContext(v -> {
      stopped = true;
      timers.forEach(vertx::cancelTimer);
      leaseCall.eventually(() -> Future.join(List.copyOf(inHand))).onComplete(done -> ended.complete());
    });
    return ended.future();
  }

  private void lease() {
    int room = Math.min(LEASE_BATCH, concurrent - active.get());
    if (stopped || room <= 0 || !leasing.compareAndSet(false, true)) {
      return;
    }
    leaseCall = work.leaseDue(room, lease)
        .onSuccess(this::runAll)
        .onFailure(e -> LOG.warn("Sellers with updates could not be leased: {}", e.getMessage()))
        .onComplete(done -> leasing.set(false))
        .mapEmpty();
  }

  private void runAll(List<UUID> sellers) {
    for (UUID sellerId : sellers) {
      // Leased as the instance began to stop: let go untouched, due now, for another instance.
      Future<Void> held = stopped ? work.release(sellerId, Optional.of(OffsetDateTime.now(ZoneOffset.UTC))) : run(sellerId);
      inHand.add(held);
      held.onComplete(done -> inHand.remove(held));
    }
  }

  private Future<Void> run(UUID sellerId) {
    active.incrementAndGet();
    return round.run(sellerId).onComplete(done -> active.decrementAndGet());
  }
}
