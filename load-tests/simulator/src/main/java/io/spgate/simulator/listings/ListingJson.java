package io.spgate.simulator.listings;

import io.spgate.simulator.data.Listing;
import io.spgate.simulator.data.Marketplace;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** The Listings Items 2021-08-01 {@code Item} of a listing, with the data sets asked for in includedData. */
public final class ListingJson {
  private ListingJson() {}

  /** {@code issues}: what Amazon found on the listing after accepting its latest submission. */
  public static JsonObject item(Listing listing, String marketplaceId, List<String> includedData, List<Issue> issues) {
    JsonObject item = new JsonObject().put("sku", listing.sku());
    if (includedData.contains("summaries")) {
      JsonArray status = new JsonArray().add("DISCOVERABLE");
      if (listing.quantity() > 0 || listing.fulfilledByAmazon()) {
        status.add("BUYABLE");
      }
      JsonObject summary = new JsonObject()
          .put("marketplaceId", marketplaceId).put("asin", listing.asin()).put("productType", listing.productType())
          .put("conditionType", "new_new").put("status", status).put("itemName", listing.title(marketplaceId))
          .put("createdDate", listing.createdDate().toString()).put("lastUpdatedDate", listing.lastUpdatedDate().toString());
      if (listing.fulfilledByAmazon()) {
        summary.put("fnSku", "X00" + listing.asin().substring(3));
      }
      item.put("summaries", new JsonArray().add(summary));
    }
    if (includedData.contains("attributes")) {
      item.put("attributes", listing.attributes().copy());
    }
    if (includedData.contains("issues")) {
      JsonArray issueJson = new JsonArray();
      issues.forEach(issue -> issueJson.add(issue.toJson()));
      item.put("issues", issueJson);
    }
    if (includedData.contains("offers")) {
      JsonArray offers = new JsonArray();
      Optional<BigDecimal> price = listing.price(marketplaceId);
      String currency = Marketplace.byId(marketplaceId).map(Marketplace::currency).orElse("USD");
      price.ifPresent(p -> offers.add(new JsonObject().put("marketplaceId", marketplaceId).put("offerType", "B2C")
          .put("price", new JsonObject().put("currencyCode", currency).put("amount", p.toPlainString()))));
      item.put("offers", offers);
    }
    if (includedData.contains("fulfillmentAvailability")) {
      JsonObject availability = new JsonObject().put("fulfillmentChannelCode", listing.fulfillmentChannelCode());
      if (!listing.fulfilledByAmazon()) {
        availability.put("quantity", listing.quantity());
      }
      item.put("fulfillmentAvailability", new JsonArray().add(availability));
    }
    if (includedData.contains("productTypes")) {
      item.put("productTypes",
          new JsonArray().add(new JsonObject().put("marketplaceId", marketplaceId).put("productType", listing.productType())));
    }
    return item;
  }
}
