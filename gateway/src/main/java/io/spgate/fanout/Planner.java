package io.spgate.fanout;

import io.spgate.quota.QuotaGate;
import io.spgate.seller.Seller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Chooses, per seller, the route that finishes that seller's backlog sooner: patches at the rate
 * Amazon allows the seller now (tokens in its bucket first), or JSON_LISTINGS_FEEDs, which Amazon
 * processes one after another per seller in about the time recent feeds took.
 */
final class Planner {

  static final String LISTINGS_API = "listingsItems_2021-08-01";
  static final String PATCH_OPERATION = "patchListingsItem";
  /** Amazon's limit of messages in one JSON_LISTINGS_FEED [FACTS part 2 §2]. */
  static final int FEED_MESSAGES = 25_000;
  /** Creating the document, uploading it, creating the feed and reading its report: a few calls. */
  static final Duration FEED_OVERHEAD = Duration.ofSeconds(3);
  /** Amazon's model rate for patchListingsItem, used until a bucket says otherwise. */
  private static final double TABLE_PATCH_RATE = 5;
  private static final int TABLE_PATCH_BURST = 5;
  /** The share of its slack a quick seller's first round waits, and the most it waits. */
  private static final double SLACK_SHARE = 0.1;
  private static final Duration MOST_DEFERRED = Duration.ofSeconds(30);

  /** The way one seller's SKUs go, and how long they take by it. */
  record SellerPlan(UUID sellerId, String sellingPartnerId, int items, int skus, Route route, int patches, int feeds, double seconds) {

    JsonObject toJson() {
      return new JsonObject().put("sellerId", sellerId.toString()).put("sellingPartnerId", sellingPartnerId).put("items", items)
          .put("skus", skus).put("path", route.value()).put("patches", patches).put("feeds", feeds)
          .put("estimatedSeconds", Math.round(seconds * 10) / 10.0);
    }
  }

  /** Every seller's plan; the whole takes as long as the slowest seller's. */
  record Plan(List<SellerPlan> sellers, double seconds) {

    /**
     * When each seller's first round is due, in milliseconds from now. The sellers that set the job's end (feeds
     * that take minutes) go first; a seller whose work ends far sooner waits a tenth of its slack, at most
     * {@link #MOST_DEFERRED}, so that thousands of quick patches do not take the cores while the long work starts.
     * Its items still end long before the job's. Among equals, the longest goes first (by a millisecond a second).
     */
    Map<UUID, Double> startOffsetsMillis() {
      Map<UUID, Double> offsets = new HashMap<>();
      for (SellerPlan seller : sellers) {
        double deferred = Math.min(MOST_DEFERRED.toMillis(), (seconds - seller.seconds()) * SLACK_SHARE * 1000);
        offsets.put(seller.sellerId(), deferred - seller.seconds());
      }
      return offsets;
    }

    OffsetDateTime completionAt() {
      return OffsetDateTime.now(ZoneOffset.UTC).plusNanos((long) (seconds * 1e9));
    }

    JsonObject toJson() {
      return new JsonObject().put("estimatedSeconds", Math.round(seconds * 10) / 10.0)
          .put("estimatedCompletionAt", completionAt().toString())
          .put("sellers", new JsonArray(sellers.stream().map(SellerPlan::toJson).toList()));
    }
  }

  private final QuotaGate quotas;
  private final FeedDurations feedDurations;

  Planner(QuotaGate quotas, FeedDurations feedDurations) {
    this.quotas = quotas;
    this.feedDurations = feedDurations;
  }

  /** The plan for the SKUs of each seller a request's checker met: its count of distinct SKUs, and of items. */
  Future<Plan> plan(UpdateChecker checker, Map<UUID, Integer> skusBySeller, Map<UUID, Integer> itemsBySeller) {
    List<Future<SellerPlan>> plans = new ArrayList<>();
    skusBySeller.forEach((sellerId, skus) -> checker.seller(sellerId).ifPresent(seller ->
        plans.add(forSeller(seller, itemsBySeller.getOrDefault(sellerId, skus), skus))));
    return Future.all(plans).map(all -> {
      List<SellerPlan> sellers = new ArrayList<>(plans.stream().map(Future::result).toList());
      sellers.sort(Comparator.comparingDouble(SellerPlan::seconds).reversed());
      return new Plan(sellers, sellers.stream().mapToDouble(SellerPlan::seconds).max().orElse(0));
    });
  }

  /** How many patches the seller's quota lets go within {@code round}: the tokens there now and the refill. */
  Future<Integer> patchBudget(Seller seller, Duration round) {
    return quotas.bucket(seller.quotaOwner(), LISTINGS_API, PATCH_OPERATION).map(bucket -> {
      double rate = bucket.map(b -> b.state().ratePerSecond()).orElse(TABLE_PATCH_RATE);
      double tokens = bucket.map(b -> b.state().tokens()).orElse((double) TABLE_PATCH_BURST);
      return Math.max(1, (int) Math.floor(Math.max(0, tokens) + rate * round.toMillis() / 1000.0));
    });
  }

  Future<SellerPlan> forSeller(Seller seller, int items, int skus) {
    return quotas.bucket(seller.quotaOwner(), LISTINGS_API, PATCH_OPERATION).compose(bucket -> feedDurations.expected().map(feedTime -> {
      double rate = bucket.map(b -> b.state().ratePerSecond()).orElse(TABLE_PATCH_RATE);
      double tokens = bucket.map(b -> b.state().tokens()).orElse((double) TABLE_PATCH_BURST);
      double patchSeconds = Math.max(0, skus - Math.floor(tokens)) / rate;
      int feeds = (skus + FEED_MESSAGES - 1) / FEED_MESSAGES;
      double feedSeconds = feeds * feedTime.toMillis() / 1000.0 + FEED_OVERHEAD.toSeconds();
      return patchSeconds <= feedSeconds
          ? new SellerPlan(seller.id(), seller.sellingPartnerId(), items, skus, Route.PATCHES, skus, 0, patchSeconds)
          : new SellerPlan(seller.id(), seller.sellingPartnerId(), items, skus, Route.FEED, 0, feeds, feedSeconds);
    }));
  }
}
