package io.spgate.simulator.listings;

import io.spgate.simulator.SimClock;
import io.spgate.simulator.data.Listing;
import io.spgate.simulator.data.Marketplace;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.data.SellerStore;
import io.spgate.simulator.notifications.NotificationPublisher;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Changes listings the way the Listings Items API and JSON_LISTINGS_FEED both do: whole attribute sets (put), or JSON
 * patches on {@code /attributes/<name>} with add, replace, merge and delete. A price change raises ANY_OFFER_CHANGED.
 */
public final class ListingEditor {
  private final SimClock clock;
  private final NotificationPublisher notifications;

  public ListingEditor(SimClock clock, NotificationPublisher notifications) {
    this.clock = clock;
    this.notifications = notifications;
  }

  /** An issue in the Listings API shape (also used by the feed processing report). */
  public record Issue(String code, String message, String severity, String attributeName) {
    public JsonObject toJson() {
      JsonObject json = new JsonObject().put("code", code).put("message", message).put("severity", severity)
          .put("categories", new JsonArray().add("INVALID_ATTRIBUTE"));
      return attributeName == null ? json : json.put("attributeNames", new JsonArray().add(attributeName));
    }
  }

  public List<Issue> put(SellerStore store, String sku, String productType, JsonObject attributes, boolean apply) {
    List<Issue> issues = check(attributes);
    if (issues.isEmpty() && apply) {
      Listing before = store.listing(sku).orElse(null);
      Listing after = before == null
          ? store.newListing(sku, productType, attributes.copy(), clock.now())
          : before.withAttributes(productType, attributes.copy(), clock.now());
      save(store, before, after);
    }
    return issues;
  }

  /** PARTIAL_UPDATE of a feed: the given attributes replace those of the same name, others stay. */
  public List<Issue> partialUpdate(SellerStore store, String sku, String productType, JsonObject attributes) {
    JsonArray patches = new JsonArray();
    attributes.forEach(e -> patches.add(new JsonObject().put("op", "replace").put("path", "/attributes/" + e.getKey())
        .put("value", e.getValue())));
    return patch(store, sku, productType, patches, true);
  }

  public List<Issue> patch(SellerStore store, String sku, String productType, JsonArray patches, boolean apply) {
    Listing before = store.listing(sku).orElse(null);
    if (before == null) {
      return List.of(new Issue("NOT_FOUND", "The listing item with SKU " + sku + " does not exist; create it with a full update first.",
          "ERROR", null));
    }
    JsonObject attributes = before.attributes().copy();
    for (int i = 0; i < patches.size(); i++) {
      JsonObject patch = patches.getJsonObject(i);
      String path = patch.getString("path", "");
      if (!path.startsWith("/attributes/") || path.length() == "/attributes/".length()) {
        return List.of(new Issue("INVALID_PATH", "Patch path '" + path + "' must be /attributes/<attribute name>", "ERROR", null));
      }
      String name = path.substring("/attributes/".length());
      JsonArray value = patch.getJsonArray("value");
      String op = patch.getString("op");
      if (!"delete".equals(op) && value == null) {
        return List.of(new Issue("MISSING_VALUE", "Patch operation '" + op + "' on " + name + " needs a value", "ERROR", name));
      }
      apply(attributes, op, name, value);
    }
    List<Issue> issues = check(attributes);
    if (issues.isEmpty() && apply) {
      save(store, before, before.withAttributes(productType == null ? before.productType() : productType, attributes, clock.now()));
    }
    return issues;
  }

  public boolean delete(SellerStore store, String sku) {
    return store.deleteListing(sku);
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

  private static boolean sameSlot(Object a, Object b) {
    if (a instanceof JsonObject x && b instanceof JsonObject y) {
      return Objects.equals(x.getString("marketplace_id"), y.getString("marketplace_id"))
          && Objects.equals(x.getString("fulfillment_channel_code"), y.getString("fulfillment_channel_code"));
    }
    return Objects.equals(a, b);
  }

  /** The rules Amazon applies to the offer attributes clients change most: a positive price, a non-negative quantity. */
  private static List<Issue> check(JsonObject attributes) {
    List<Issue> issues = new ArrayList<>();
    JsonArray offers = attributes.getJsonArray("purchasable_offer", new JsonArray());
    for (Object o : offers) {
      if (!(o instanceof JsonObject offer)) {
        issues.add(new Issue("INVALID_VALUE", "purchasable_offer entries must be objects", "ERROR", "purchasable_offer"));
        continue;
      }
      Object price = priceOf(offer);
      if (price != null && (!(price instanceof Number number) || new BigDecimal(number.toString()).signum() <= 0)) {
        issues.add(new Issue("INVALID_PRICE", "The price '" + price + "' must be a number greater than 0", "ERROR", "purchasable_offer"));
      }
    }
    for (Object o : attributes.getJsonArray("fulfillment_availability", new JsonArray())) {
      Object quantity = o instanceof JsonObject a ? a.getValue("quantity") : o;
      if (quantity != null && (!(quantity instanceof Integer || quantity instanceof Long) || ((Number) quantity).longValue() < 0)) {
        issues.add(new Issue("INVALID_QUANTITY", "The quantity '" + quantity + "' must be a whole number of 0 or more", "ERROR",
            "fulfillment_availability"));
      }
    }
    return issues;
  }

  private static Object priceOf(JsonObject offer) {
    try {
      return offer.getJsonArray("our_price").getJsonObject(0).getJsonArray("schedule").getJsonObject(0).getValue("value_with_tax");
    } catch (RuntimeException absent) {
      return null;
    }
  }

  private void save(SellerStore store, Listing before, Listing after) {
    store.putListing(after);
    Seller seller = store.seller();
    for (Marketplace mp : seller.marketplaces()) {
      if (before == null || !before.price(mp.id()).equals(after.price(mp.id()))) {
        notifications.offerChanged(seller, after, mp);
      }
    }
  }
}
