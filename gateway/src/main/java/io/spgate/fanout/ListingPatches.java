package io.spgate.fanout;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A SKU change as Listings Items 2021-08-01 patches, the same for patchListingsItem and a
 * JSON_LISTINGS_FEED message: the price first (purchasable_offer / our_price), then quantity and
 * handling time (fulfillment_availability), so a restock never goes live before its new price.
 * "merge" keeps the attributes' other fields (B2B prices, restock date) [FACTS part 2 §3].
 */
final class ListingPatches {

  /** The channel code of merchant-fulfilled stock. */
  static final String MFN_CHANNEL = "DEFAULT";

  private ListingPatches() {}

  static JsonArray of(SkuChange change) {
    JsonArray patches = new JsonArray();
    change.price().ifPresent(price -> {
      JsonObject schedule = new JsonObject().put("schedule", new JsonArray().add(new JsonObject().put("value_with_tax", price)));
      JsonObject offer = new JsonObject().put("marketplace_id", change.marketplaceId()).put("currency", change.currency().orElseThrow())
          .put("our_price", new JsonArray().add(schedule));
      patches.add(new JsonObject().put("op", "merge").put("path", "/attributes/purchasable_offer").put("value", new JsonArray().add(offer)));
    });
    if (change.listedQuantity().isPresent() || change.handlingTime().isPresent()) {
      JsonObject availability = new JsonObject().put("fulfillment_channel_code", MFN_CHANNEL).put("marketplace_id", change.marketplaceId());
      change.listedQuantity().ifPresent(q -> availability.put("quantity", q));
      change.handlingTime().ifPresent(days -> availability.put("lead_time_to_ship_max_days", days));
      patches.add(new JsonObject().put("op", "merge").put("path", "/attributes/fulfillment_availability")
          .put("value", new JsonArray().add(availability)));
    }
    return patches;
  }
}
