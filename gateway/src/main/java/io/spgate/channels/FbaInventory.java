package io.spgate.channels;

import io.spgate.quota.Lane;
import io.spgate.seller.Seller;
import io.spgate.spapi.SpApiClient;
import io.spgate.spapi.SpApiRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** FBA Inventory v1 getInventorySummaries, the one call the inventory sync makes, through the pipeline on the bulk lane. */
final class FbaInventory {

  static final String SUMMARIES = "/fba/inventory/v1/summaries";

  /** One page: each SKU's fulfillable quantity, and the token of the next page (it expires 30 s after it was made). */
  record Page(Map<String, Integer> fulfillable, Optional<String> nextToken) {}

  private final SpApiClient spApi;
  private final SpApiClient.CallOptions bulk;

  /** @param maxWait how long a page's call may wait for its quota slot (the next page's token lives 30 s) */
  FbaInventory(SpApiClient spApi, Duration maxWait) {
    this.spApi = spApi;
    this.bulk = new SpApiClient.CallOptions(maxWait, Optional.of(Lane.BULK));
  }

  /**
   * A page of the seller's inventory on the marketplace, with details (fulfillableQuantity is among them); only what
   * changed since {@code changedSince} when given, which Amazon wants again with every next token.
   */
  Future<Page> page(Seller seller, String marketplaceId, Optional<Instant> changedSince, Optional<String> nextToken) {
    SpApiRequest request = SpApiRequest.get(SUMMARIES).withQuery("details", "true").withQuery("granularityType", "Marketplace")
        .withQuery("granularityId", marketplaceId).withQuery("marketplaceIds", marketplaceId);
    if (changedSince.isPresent()) {
      request = request.withQuery("startDateTime", changedSince.get().truncatedTo(ChronoUnit.SECONDS).toString());
    }
    if (nextToken.isPresent()) {
      // The client URL-encodes every query value: tokens hold '+', '/' and '=' (models#4946).
      request = request.withQuery("nextToken", nextToken.get());
    }
    return spApi.call(seller, request, bulk, result -> read(result.json()));
  }

  static Page read(JsonObject answer) {
    JsonObject payload = answer.getJsonObject("payload", new JsonObject());
    Map<String, Integer> fulfillable = new LinkedHashMap<>();
    for (Object item : payload.getJsonArray("inventorySummaries", new JsonArray())) {
      if (item instanceof JsonObject summary && summary.getValue("sellerSku") instanceof String sku
          && summary.getValue("inventoryDetails") instanceof JsonObject details
          && details.getValue("fulfillableQuantity") instanceof Number quantity) {
        fulfillable.put(sku, quantity.intValue());
      }
    }
    JsonObject pagination = answer.getJsonObject("pagination");
    Optional<String> next = Optional.ofNullable(pagination == null ? null : pagination.getString("nextToken")).filter(t -> !t.isEmpty());
    return new Page(fulfillable, next);
  }
}
