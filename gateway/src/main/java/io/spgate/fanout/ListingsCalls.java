package io.spgate.fanout;

import io.spgate.quota.Lane;
import io.spgate.seller.Seller;
import io.spgate.spapi.SpApiClient;
import io.spgate.spapi.SpApiRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** The Listings Items 2021-08-01 calls of the fan-out, through the pipeline in the bulk lane. */
final class ListingsCalls {

  private static final String ITEMS = "/listings/2021-08-01/items/";

  /** Amazon's answer to one patch: ACCEPTED (not yet applied) or INVALID, with its issues. */
  record PatchAnswer(String status, Optional<String> submissionId, JsonArray issues) {
    boolean accepted() {
      return "ACCEPTED".equals(status);
    }
  }

  /** What a listing shows of the fields the fan-out sets. */
  record ListedOffer(Optional<BigDecimal> price, Optional<Integer> quantity) {}

  private final SpApiClient spApi;
  private final SpApiClient.CallOptions bulk;

  /** @param maxWait how long a call may wait for its quota slot; past it the round gives the SKU back */
  ListingsCalls(SpApiClient spApi, Duration maxWait) {
    this.spApi = spApi;
    this.bulk = new SpApiClient.CallOptions(maxWait, Optional.of(Lane.BULK));
  }

  Future<PatchAnswer> patch(Seller seller, SkuChange change, String productType) {
    JsonObject body = new JsonObject().put("productType", productType).put("patches", ListingPatches.of(change));
    SpApiRequest request = SpApiRequest.patch(path(seller, change.sku()), body).withQuery("marketplaceIds", change.marketplaceId())
        .withQuery("includedData", "issues");
    return spApi.call(seller, request, bulk, result -> {
      JsonObject json = result.json();
      return new PatchAnswer(json.getString("status", "INVALID"), Optional.ofNullable(json.getString("submissionId")),
          json.getJsonArray("issues", new JsonArray()));
    });
  }

  /** The listing's price and merchant-fulfilled quantity on the marketplace, to reconcile a patch whose answer was lost. */
  Future<ListedOffer> offer(Seller seller, String marketplaceId, String sku) {
    SpApiRequest request = SpApiRequest.get(path(seller, sku)).withQuery("marketplaceIds", marketplaceId)
        .withQuery("includedData", "attributes");
    return spApi.call(seller, request, bulk, result -> read(result.json().getJsonObject("attributes", new JsonObject()), marketplaceId));
  }

  static ListedOffer read(JsonObject attributes, String marketplaceId) {
    Optional<BigDecimal> price = Optional.empty();
    for (Object o : attributes.getJsonArray("purchasable_offer", new JsonArray())) {
      if (o instanceof JsonObject offer && marketplaceId.equals(offer.getString("marketplace_id", marketplaceId))) {
        try {
          Object value = offer.getJsonArray("our_price").getJsonObject(0).getJsonArray("schedule").getJsonObject(0)
              .getValue("value_with_tax");
          price = Optional.of(new BigDecimal(value.toString()));
        } catch (RuntimeException absent) {
          // no price on this offer
        }
      }
    }
    Optional<Integer> quantity = Optional.empty();
    for (Object o : attributes.getJsonArray("fulfillment_availability", new JsonArray())) {
      if (o instanceof JsonObject a && ListingPatches.MFN_CHANNEL.equals(a.getString("fulfillment_channel_code"))) {
        quantity = Optional.ofNullable(a.getInteger("quantity"));
      }
    }
    return new ListedOffer(price, quantity);
  }

  private static String path(Seller seller, String sku) {
    return ITEMS + seller.sellingPartnerId() + "/" + URLEncoder.encode(sku, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
