package io.spgate.fanout;

import io.spgate.channels.MappingStore;
import io.spgate.channels.SkuKey;
import io.spgate.http.ApiException;
import io.spgate.seller.Seller;
import io.spgate.spapi.SpApiException;
import io.spgate.spapi.SpApiPipeline;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SKU changes as patchListingsItem calls, one SKU each, all of a round at once: the quota gate
 * spaces them to the seller's rate. Items are marked sent before the calls go; an answer closes
 * them (ACCEPTED → accepted, INVALID or a 4xx → rejected with Amazon's issues), a refusal or a
 * failure before the call left gives them back to the next round. Patches whose outcome is unknown
 * (sent, and the answer lost or a 5xx) and patches an instance left sent when it died are read
 * back from the listing before anything goes again: what it shows was applied; anything else goes again.
 */
final class PatchRoute {

  private static final Logger LOG = LoggerFactory.getLogger(PatchRoute.class);

  private final ListingsCalls listings;
  private final WorkStore work;
  private final MappingStore mappings;

  PatchRoute(ListingsCalls listings, WorkStore work, MappingStore mappings) {
    this.listings = listings;
    this.work = work;
    this.mappings = mappings;
  }

  /**
   * Sends the round's patches side by side and stores their outcomes together when the last answer came: one statement
   * for the items, one for what the mappings keep. An instance that dies meanwhile leaves them sent, to be read back.
   */
  Future<Void> send(Seller seller, List<SkuChange> changes, Map<SkuKey, String> productTypes) {
    List<Long> seqs = changes.stream().flatMap(c -> c.itemSeqs().stream()).toList();
    return work.sendingPatches(seqs).compose(v -> {
      List<Future<Answered>> answers = changes.stream().map(change -> listings
              .patch(seller, change, productTypes.getOrDefault(change.key(), "PRODUCT"))
              .map(answer -> Answered.closed(change, new ItemOutcome(change.itemSeqs(),
                  answer.accepted() ? ItemStatus.ACCEPTED : ItemStatus.REJECTED, answer.issues(), answer.submissionId())))
              .recover(e -> Future.succeededFuture(failed(seller, change, e))))
          .toList();
      return Future.all(answers).map(all -> answers);
    }).compose(answers -> {
      List<ItemOutcome> outcomes = new ArrayList<>();
      List<Long> again = new ArrayList<>();
      List<SkuChange> taken = new ArrayList<>();
      for (Future<Answered> future : answers) {
        Answered answered = future.result();
        switch (answered.next()) {
          case CLOSED -> {
            outcomes.add(answered.outcome().get());
            if (ItemStatus.ACCEPTED.equals(answered.outcome().get().status())) {
              taken.add(answered.change());
            }
          }
          case AGAIN -> again.addAll(answered.change().itemSeqs());
          case READ_BACK -> { } // left sent: the seller's next round reads the listing back (reconcile) before anything goes again
        }
      }
      return work.closed(outcomes).compose(v -> work.backToPending(again)).compose(v -> TakenValues.record(mappings, taken));
    });
  }

  /** What becomes of a patch's items: closed with Amazon's outcome, sent again in a later round, or read back first. */
  private enum Next { CLOSED, AGAIN, READ_BACK }

  /** A patch's items and what becomes of them; the outcome is there when they are closed. */
  private record Answered(SkuChange change, Next next, Optional<ItemOutcome> outcome) {
    static Answered closed(SkuChange change, ItemOutcome outcome) {
      return new Answered(change, Next.CLOSED, Optional.of(outcome));
    }

    static Answered open(SkuChange change, Next next) {
      return new Answered(change, next, Optional.empty());
    }
  }

  /**
   * Amazon refused the call itself: a 4xx other than 429 is the items' outcome. A call that did not leave, or that Amazon
   * throttled, goes again in a later round. One that may have been carried out (sent and its answer lost, Amazon's 5xx, any
   * other failure) is not sent again blind: a patch can have taken effect without its answer.
   */
  private Answered failed(Seller seller, SkuChange change, Throwable e) {
    if (e instanceof SpApiException amazon && amazon.status() >= 400 && amazon.status() < 500 && amazon.status() != 429) {
      JsonArray issues = amazon.result().json().getJsonArray("errors", new JsonArray()).copy();
      issues.forEach(issue -> ((JsonObject) issue).put("severity", "ERROR"));
      return Answered.closed(change, new ItemOutcome(change.itemSeqs(), ItemStatus.REJECTED, issues, Optional.empty()));
    }
    boolean notCarriedOut = e instanceof SpApiException amazon ? amazon.status() == 429
        : e instanceof ApiException refused && !SpApiPipeline.OUTCOME_UNKNOWN.equals(refused.problem().code());
    if (!notCarriedOut) {
      // Some failures (a connection closed under the call) carry no message: their kind says what happened.
      LOG.info("Patch of SKU {} for seller {} may or may not have taken effect; its listing is read back first: {}", change.sku(),
          seller.id(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    return Answered.open(change, notCarriedOut ? Next.AGAIN : Next.READ_BACK);
  }

  /** Patches sent by an instance that died before their answers: the listing says whether they took. */
  Future<Void> reconcile(Seller seller, List<OpenItem> orphans) {
    Map<String, List<OpenItem>> bySku = new LinkedHashMap<>();
    orphans.forEach(item -> bySku.computeIfAbsent(item.marketplaceId() + "\t" + item.sku(), k -> new ArrayList<>()).add(item));
    List<Future<Void>> checks = new ArrayList<>();
    for (List<OpenItem> items : bySku.values()) {
      OpenItem first = items.get(0);
      checks.add(listings.offer(seller, first.marketplaceId(), first.sku()).compose(listed -> {
        List<Long> took = new ArrayList<>();
        List<Long> again = new ArrayList<>();
        for (OpenItem item : items) {
          boolean priceShown = item.price().isEmpty() || listed.price().filter(p -> p.compareTo(item.price().get()) == 0).isPresent();
          boolean quantityShown = item.listedQuantity().isEmpty() || listed.quantity().equals(item.listedQuantity());
          (priceShown && quantityShown ? took : again).add(item.seq());
        }
        LOG.info("Seller {} SKU {}: {} item(s) of a patch left unanswered were applied, {} go again", seller.id(), first.sku(),
            took.size(), again.size());
        return work.closed(took.isEmpty() ? List.of() : List.of(new ItemOutcome(took, ItemStatus.ACCEPTED, new JsonArray(),
                Optional.empty())))
            .compose(v -> work.backToPending(again));
      }).recover(e -> {
        LOG.info("Seller {} SKU {}: could not read the listing back ({}); trying later", seller.id(), first.sku(), e.getMessage());
        return Future.succeededFuture();
      }));
    }
    return Future.join(checks).mapEmpty();
  }

}
