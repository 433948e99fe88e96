package io.spgate.fanout;

import io.spgate.seller.Seller;
import io.spgate.seller.SellerStore;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of a seller's updates, on the instance that leased the seller: carries its feeds on,
 * reads back patches an instance left unanswered, supersedes what newer items replace, then sends
 * the pending SKUs by the route the planner chose (a round's worth of patches, or up to 25,000 SKUs
 * a feed) and says when the seller's next round is due.
 */
final class SellerRound {

  private static final Logger LOG = LoggerFactory.getLogger(SellerRound.class);
  /** Amazon's "five feed submissions per five minutes" of JSON_LISTINGS_FEED [FACTS part 2 §2]. */
  private static final int FEEDS_PER_WINDOW = 5;
  private static final Duration FEED_WINDOW = Duration.ofMinutes(5);
  /** Open items read per round: enough for two full feeds. */
  private static final int OPEN_ITEMS = 2 * Planner.FEED_MESSAGES + 10_000;
  /** A seller that cannot be worked on now (re-authorization, disabled) is looked at again after this. */
  private static final Duration WAIT_FOR_SELLER = Duration.ofMinutes(5);

  private final SellerStore sellers;
  private final WorkStore work;
  private final Planner planner;
  private final PatchRoute patches;
  private final FeedRoute feeds;
  private final io.spgate.channels.MappingStore mappings;
  /** A round sends the patches the seller's quota allows in this long, so it ends well inside its lease. */
  private final Duration round;

  SellerRound(SellerStore sellers, WorkStore work, Planner planner, PatchRoute patches, FeedRoute feeds,
      io.spgate.channels.MappingStore mappings, Duration lease) {
    this.round = lease.dividedBy(6);
    this.sellers = sellers;
    this.work = work;
    this.planner = planner;
    this.patches = patches;
    this.feeds = feeds;
    this.mappings = mappings;
  }

  /** Runs the round; completes once the seller was let go with its next round's time. */
  Future<Void> run(UUID sellerId) {
    return sellers.forCall(sellerId).compose(found -> {
      if (found.isEmpty()) {
        return work.sellerGone(sellerId).map(Optional.<OffsetDateTime>empty());
      }
      Seller seller = found.get();
      if (seller.status() != Seller.Status.ACTIVE) {
        return Future.succeededFuture(Optional.of(now().plus(WAIT_FOR_SELLER)));
      }
      return round(seller);
    }).recover(e -> {
      LOG.warn("Updates of seller {}: the round failed, trying again shortly: {}", sellerId, e.getMessage());
      return Future.succeededFuture(Optional.of(now().plusSeconds(5)));
    }).compose(next -> work.release(sellerId, next));
  }

  private Future<Optional<OffsetDateTime>> round(Seller seller) {
    return work.openFeeds(seller.id())
        .compose(open -> Future.all(open.stream().map(feed -> feeds.advance(seller, feed).recover(e -> {
          LOG.info("Seller {}: feed submission {} could not be carried on now: {}", seller.id(), feed.id(), e.getMessage());
          return Future.succeededFuture(Optional.of(now().plusSeconds(5)));
        })).toList()))
        .compose(advanced -> {
          Optional<OffsetDateTime> nextFeedLook = advanced.<Optional<OffsetDateTime>>list().stream().flatMap(Optional::stream)
              .min(OffsetDateTime::compareTo);
          return work.open(seller.id(), OPEN_ITEMS).compose(open -> {
            List<OpenItem> orphans = open.stream().filter(i -> i.sent() && i.path().equals(Optional.of("patch"))).toList();
            if (!orphans.isEmpty()) {
              return patches.reconcile(seller, orphans).map(v -> Optional.of(now()));
            }
            return send(seller, open).map(next -> earliest(next, nextFeedLook));
          });
        });
  }

  /** Sends what is pending; the next round is due at once if some is left to send, else not (new items wake the seller). */
  private Future<Optional<OffsetDateTime>> send(Seller seller, List<OpenItem> open) {
    PendingChanges pending = PendingChanges.of(seller.id(), open);
    return work.supersede(pending.superseded()).compose(v -> {
      if (pending.changes().isEmpty()) {
        return Future.succeededFuture(Optional.<OffsetDateTime>empty());
      }
      int items = (int) open.stream().filter(i -> !i.sent()).count();
      return planner.forSeller(seller, items, pending.changes().size()).compose(plan -> plan.route() == Route.FEED
          ? feedAllowed(seller).compose(allowed -> allowed ? sendFeed(seller, pending.changes()) : sendPatches(seller, pending.changes()))
          : sendPatches(seller, pending.changes()));
    });
  }

  private Future<Boolean> feedAllowed(Seller seller) {
    return work.feedsCreatedSince(seller.id(), now().minus(FEED_WINDOW)).map(count -> count < FEEDS_PER_WINDOW);
  }

  private Future<Optional<OffsetDateTime>> sendPatches(Seller seller, List<SkuChange> changes) {
    return planner.patchBudget(seller, round).compose(budget -> {
      List<SkuChange> now = changes.subList(0, Math.min(budget, changes.size()));
      return ProductTypes.of(mappings, seller, now).compose(types -> patches.send(seller, now, types))
          .map(v -> Optional.of(now()));
    });
  }

  /** One feed per marketplace, of its first 25,000 SKUs; the rest wait for the next round. */
  private Future<Optional<OffsetDateTime>> sendFeed(Seller seller, List<SkuChange> changes) {
    Map<String, List<SkuChange>> byMarketplace = new LinkedHashMap<>();
    for (SkuChange change : changes) {
      List<SkuChange> batch = byMarketplace.computeIfAbsent(change.marketplaceId(), m -> new ArrayList<>());
      if (batch.size() < Planner.FEED_MESSAGES) {
        batch.add(change);
      }
    }
    Map.Entry<String, List<SkuChange>> first = byMarketplace.entrySet().iterator().next();
    return ProductTypes.of(mappings, seller, first.getValue())
        .compose(types -> feeds.submit(seller, first.getKey(), first.getValue(), types))
        .map(v -> Optional.of(now()));
  }

  private static Optional<OffsetDateTime> earliest(Optional<OffsetDateTime> a, Optional<OffsetDateTime> b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() || a.get().isBefore(b.get()) ? a : b;
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
