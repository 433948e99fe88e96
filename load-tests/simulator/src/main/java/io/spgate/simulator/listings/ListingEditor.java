package io.spgate.simulator.listings;

import io.spgate.simulator.SimClock;
import io.spgate.simulator.data.Listing;
import io.spgate.simulator.data.Marketplace;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.data.SellerStore;
import io.spgate.simulator.notifications.NotificationPublisher;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Changes listings the way the Listings Items API and JSON_LISTINGS_FEED both do: whole attribute sets (put), or JSON
 * patches on {@code /attributes/<name>} with add, replace, merge and delete. A price change raises ANY_OFFER_CHANGED; a
 * listing created or deleted raises LISTINGS_ITEM_STATUS_CHANGE.
 *
 * <p>A submission goes through Amazon's two stages (FACTS.md part 2, sections 2 and 3): validation, whose ERRORs make it
 * invalid (nothing applied, the issues answered at once); then, once accepted, checks Amazon makes afterwards, whose
 * ERRORs keep it from being applied although it was accepted. Those later issues reach the client only through
 * getListingsItem's issues or a feed report that asked for them. Work per submission is bounded by the listing's own
 * attributes: no step looks at the seller's other listings.
 */
public final class ListingEditor {
  /** A patch on a SKU without a listing: Amazon accepts it and creates nothing (UNCONFIRMED code, see {@link #notFound}). */
  static final String NOT_FOUND = "NOT_FOUND";

  private final SimClock clock;
  private final NotificationPublisher notifications;
  private final ForcedIssues forced;
  private final ListingIssues listingIssues;

  public ListingEditor(SimClock clock, NotificationPublisher notifications, ForcedIssues forced, ListingIssues listingIssues) {
    this.clock = clock;
    this.notifications = notifications;
    this.forced = forced;
    this.listingIssues = listingIssues;
  }

  /** APPLY: a normal submission; PREVIEW: mode=VALIDATION_PREVIEW, validated and never applied. */
  public enum Mode { APPLY, PREVIEW }

  /** What became of one submission (a put, a patch, a feed message). */
  public record Outcome(List<Issue> validation, List<Issue> postAcceptance, boolean applied) {
    /** Refused at validation: INVALID for the Listings API, counted in messagesInvalid by a feed. */
    public boolean invalid() {
      return validation.stream().anyMatch(Issue::isError);
    }
  }

  public Outcome put(SellerStore store, String sku, Marketplace marketplace, String productType, JsonObject attributes, Mode mode) {
    Listing before = store.listing(sku).orElse(null);
    return submit(store, sku, marketplace, before, false, productType, attributes.copy(), mode);
  }

  /** PARTIAL_UPDATE of a feed: the given attributes replace those of the same name, others stay. */
  public Outcome partialUpdate(SellerStore store, String sku, Marketplace marketplace, String productType, JsonObject attributes) {
    JsonArray patches = new JsonArray();
    attributes.forEach(e -> patches.add(new JsonObject().put("op", "replace").put("path", "/attributes/" + e.getKey())
        .put("value", e.getValue())));
    return patch(store, sku, marketplace, productType, patches, Mode.APPLY);
  }

  public Outcome patch(SellerStore store, String sku, Marketplace marketplace, String productType, JsonArray patches, Mode mode) {
    Listing before = store.listing(sku).orElse(null);
    JsonObject attributes = before == null ? new JsonObject() : before.attributes().copy();
    for (int i = 0; i < patches.size(); i++) {
      JsonObject patch = patches.getJsonObject(i);
      String path = patch.getString("path", "");
      if (!path.startsWith("/attributes/") || path.length() == "/attributes/".length()) {
        return invalid(Issue.error("INVALID_PATH", "Patch path '" + path + "' must be /attributes/<attribute name>", null,
            "INVALID_ATTRIBUTE"));
      }
      String name = path.substring("/attributes/".length());
      JsonArray value = patch.getJsonArray("value");
      String op = patch.getString("op");
      if (!"delete".equals(op) && value == null) {
        return invalid(Issue.error("MISSING_VALUE", "Patch operation '" + op + "' on " + name + " needs a value", name,
            "MISSING_ATTRIBUTE"));
      }
      apply(attributes, op, name, value);
    }
    String type = productType == null && before != null ? before.productType() : productType;
    return submit(store, sku, marketplace, before, true, type, attributes, mode);
  }

  /** Deletes the listing; subscribers get LISTINGS_ITEM_STATUS_CHANGE with DELETED. */
  public boolean delete(SellerStore store, String sku) {
    listingIssues.forget(store.seller().sellerId(), sku);
    Listing gone = store.listing(sku).orElse(null);
    boolean deleted = store.deleteListing(sku);
    if (deleted && gone != null) {
      notifications.listingStatusChanged(store.seller(), gone, null, List.of("DELETED"));
    }
    return deleted;
  }

  private static Outcome invalid(Issue issue) {
    return new Outcome(List.of(issue), List.of(), false);
  }

  private Outcome submit(SellerStore store, String sku, Marketplace marketplace, Listing before, boolean patch, String productType,
      JsonObject attributes, Mode mode) {
    String sellerId = store.seller().sellerId();
    List<Issue> validation = new ArrayList<>(OfferRules.check(before, attributes, marketplace));
    validation.addAll(forced.take(sellerId, sku, ForcedIssues.Stage.VALIDATION));
    if (mode == Mode.PREVIEW || validation.stream().anyMatch(Issue::isError)) {
      return new Outcome(validation, List.of(), false);
    }
    List<Issue> postAcceptance = new ArrayList<>();
    Listing after = null;
    if (before == null && patch) {
      postAcceptance.add(notFound(sku));
    } else {
      after = before == null ? store.newListing(sku, productType, attributes, clock.now())
          : before.withAttributes(productType, attributes, clock.now());
      if (before != null) {
        PricingErrorRule.check(before, after, store.seller().marketplaces()).ifPresent(postAcceptance::add);
      }
    }
    postAcceptance.addAll(forced.take(sellerId, sku, ForcedIssues.Stage.POST_ACCEPTANCE));
    boolean applied = after != null && postAcceptance.stream().noneMatch(Issue::isError);
    if (applied) {
      save(store, marketplace, before, after);
    }
    if (applied || before != null) {
      listingIssues.record(sellerId, sku, postAcceptance);
    }
    return new Outcome(validation, postAcceptance, applied);
  }

  /**
   * Amazon accepts a patch of a SKU it has no listing for (an offer without item data) and shows nothing for it
   * (amzn/selling-partner-api-models#2797, Amazon's answer; #4402 for a feed's PATCH message): accepted, never applied.
   * The code this issue carries in a report that asked for issues is UNCONFIRMED.
   */
  private static Issue notFound(String sku) {
    return Issue.error(NOT_FOUND, "The listing item with SKU " + sku + " does not exist: a patch changes an existing listing only; "
        + "create it with a full update (put, or an UPDATE message) first", null, "MISSING_ATTRIBUTE");
  }

  private static void apply(JsonObject attributes, String op, String name, JsonArray value) {
    switch (op) {
      case "add", "replace" -> attributes.put(name, value.copy());
      case "merge" -> attributes.put(name, merge(attributes.getJsonArray(name, new JsonArray()), value));
      case "delete" -> {
        if (value == null || !attributes.containsKey(name)) {
          attributes.remove(name);
        } else {
          JsonArray kept = new JsonArray();
          attributes.getJsonArray(name).forEach(existing -> {
            if (value.stream().noneMatch(v -> sameSlot(existing, v))) {
              kept.add(existing);
            }
          });
          attributes.put(name, kept);
        }
      }
      default -> throw new IllegalArgumentException("unknown patch op " + op);
    }
  }

  /** Merge combines the values of the same marketplace (or the same position) field by field. */
  private static JsonArray merge(JsonArray existing, JsonArray value) {
    JsonArray merged = existing.copy();
    for (int i = 0; i < value.size(); i++) {
      Object v = value.getValue(i);
      boolean done = false;
      for (int j = 0; j < merged.size() && !done; j++) {
        if (merged.getValue(j) instanceof JsonObject target && v instanceof JsonObject source && sameSlot(target, source)) {
          target.mergeIn(source, true);
          done = true;
        }
      }
      if (!done) {
        merged.add(v);
      }
    }
    return merged;
  }

  /**
   * Entries of one marketplace (and channel) are one slot; an entry that names no marketplace (the seeded stock) is every
   * marketplace's, so a patch naming one changes it instead of adding a second entry beside it.
   */
  private static boolean sameSlot(Object a, Object b) {
    if (a instanceof JsonObject x && b instanceof JsonObject y) {
      Object mx = x.getValue("marketplace_id");
      Object my = y.getValue("marketplace_id");
      return (mx == null || my == null || mx.equals(my))
          && Objects.equals(x.getValue("fulfillment_channel_code"), y.getValue("fulfillment_channel_code"));
    }
    return Objects.equals(a, b);
  }

  /** A new listing raises LISTINGS_ITEM_STATUS_CHANGE (buyable, discoverable) for the marketplace it was submitted for. */
  private void save(SellerStore store, Marketplace marketplace, Listing before, Listing after) {
    store.putListing(after);
    Seller seller = store.seller();
    if (before == null) {
      notifications.listingStatusChanged(seller, after, marketplace, List.of("BUYABLE", "DISCOVERABLE"));
    }
    for (Marketplace mp : seller.marketplaces()) {
      if (before == null || !before.price(mp.id()).equals(after.price(mp.id()))) {
        notifications.offerChanged(seller, after, mp);
      }
    }
  }
}
