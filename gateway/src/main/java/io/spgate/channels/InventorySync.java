package io.spgate.channels;

import io.spgate.channels.InventorySyncStore.Lease;
import io.spgate.seller.Seller;
import io.spgate.seller.SellerStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Amazon's FBA stock of every channel with FBA mappings, every period, on whichever instance
 * leases the channel: every page of getInventorySummaries at once (each next token expires 30 s
 * after it was made), each page's fulfillable quantities stored on the mapped SKUs as it comes.
 * After the first sync a channel asks only for what changed since a little before the last one
 * began; it reads everything again once a day, and whenever a newly mapped SKU was never read.
 */
final class InventorySync {

  private static final Logger LOG = LoggerFactory.getLogger(InventorySync.class);
  /** A sync holds its channel this long, renewed while it reads; an instance that dies lets go when it runs out. */
  static final Duration LEASE = Duration.ofMinutes(2);
  private static final Duration RENEW_AFTER = Duration.ofSeconds(30);
  /** Changes are asked for since this long before the last sync began (clocks differ; Amazon records late). */
  static final Duration OVERLAP = Duration.ofMinutes(5);
  /** Changed-since answers miss some changes (models#2583): everything is read again this often. */
  static final Duration FULL_EVERY = Duration.ofHours(24);
  private static final Duration MAX_RETRY = Duration.ofMinutes(5);
  /** Channels synced at once per instance. */
  private static final int CONCURRENT = 8;
  private static final int MAX_ERROR = 500;

  private final Vertx vertx;
  private final InventorySyncStore syncs;
  private final MappingStore mappings;
  private final SellerStore sellers;
  private final FbaInventory amazon;
  private final Duration every;
  private boolean leasing;
  private int running;
  private Context context;
  private long timer;
  /** Once stopping: completed when no sync runs and no lease call is out. */
  private Promise<Void> stopped;

  InventorySync(Vertx vertx, InventorySyncStore syncs, MappingStore mappings, SellerStore sellers, FbaInventory amazon, Duration every) {
    this.vertx = vertx;
    this.syncs = syncs;
    this.mappings = mappings;
    this.sellers = sellers;
    this.amazon = amazon;
    this.every = every;
  }

  /** Every tick, due channels are leased here while fewer than {@link #CONCURRENT} syncs run; a long sync holds up no other. */
  void start(Duration tick) {
    context = vertx.getOrCreateContext();
    timer = vertx.setPeriodic(tick.toMillis(), id -> leaseDue());
  }

  /** Leases no more channels; completes when the syncs in hand were recorded (their leases let go). */
  Future<Void> stop() {
    if (context == null) {
      return Future.succeededFuture();
    }
    Promise<Void> ended = Promise.promise();
    context.runOnContext(v -> {
      vertx.cancelTimer(timer);
      stopped = ended;
      settle();
    });
    return ended.future();
  }

  private void leaseDue() {
    if (stopped != null || leasing || running >= CONCURRENT) {
      return;
    }
    leasing = true;
    // Channels leased while stopping are synced too: the stop waits for them.
    syncs.leaseDue(CONCURRENT - running, LEASE)
        .onSuccess(leases -> leases.forEach(lease -> {
          running++;
          sync(lease).onComplete(done -> {
            running--;
            settle();
          });
        }))
        .onFailure(e -> LOG.warn("Inventory syncs could not be leased: {}", e.getMessage()))
        .onComplete(done -> {
          leasing = false;
          settle();
        });
  }

  private void settle() {
    if (stopped != null && !leasing && running == 0) {
      stopped.tryComplete();
    }
  }

  Future<Void> sync(Lease lease) {
    ChannelId channel = lease.channel();
    return sellers.byId(channel.sellerId()).compose(found -> {
      if (found.isEmpty() || !found.get().marketplaces().contains(channel.marketplaceId())) {
        return syncs.forget(channel);
      }
      Seller seller = found.get();
      if (seller.status() != Seller.Status.ACTIVE) {
        return syncs.failed(channel, "The seller is " + seller.status().value() + "; its inventory is synced again once it is active.",
            every);
      }
      return mappings.fbaCounts(channel).compose(counts -> {
        if (counts.mapped() == 0) {
          return syncs.forget(channel);
        }
        Instant began = lease.leasedAt();
        boolean full = lease.syncedAt().isEmpty() || counts.neverSynced() > 0
            || lease.fullSyncedAt().map(at -> at.isBefore(began.minus(FULL_EVERY))).orElse(true);
        Optional<Instant> since = full ? Optional.empty() : lease.syncedAt().map(at -> at.minus(OVERLAP));
        return new Reading(seller, channel, since, began).next(Optional.empty())
            .compose(read -> mappings.fbaSynced(channel, began))
            .compose(v -> syncs.synced(channel, began, full, every));
      });
    }).recover(e -> {
      LOG.warn("Inventory sync of channel {} failed: {}", channel, e.getMessage());
      String error = String.valueOf(e.getMessage());
      return syncs.failed(channel, error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error,
          every.compareTo(MAX_RETRY) < 0 ? every : MAX_RETRY);
    });
  }

  /** One sync's pages: each next page is asked for as soon as the last came; their writes run meanwhile. */
  private final class Reading {
    private final Seller seller;
    private final ChannelId channel;
    private final Optional<Instant> since;
    private final Instant began;
    private final List<Future<Void>> writes = new ArrayList<>();
    private long renewedAt = System.nanoTime();

    Reading(Seller seller, ChannelId channel, Optional<Instant> since, Instant began) {
      this.seller = seller;
      this.channel = channel;
      this.since = since;
      this.began = began;
    }

    Future<Void> next(Optional<String> token) {
      return amazon.page(seller, channel.marketplaceId(), since, token).compose(page -> {
        writes.add(mappings.recordFbaQuantities(channel, page.fulfillable(), began));
        if (System.nanoTime() - renewedAt > RENEW_AFTER.toNanos()) {
          renewedAt = System.nanoTime();
          writes.add(syncs.extend(channel, LEASE));
        }
        return page.nextToken().isPresent() ? next(page.nextToken()) : Future.join(writes).mapEmpty();
      });
    }
  }
}
