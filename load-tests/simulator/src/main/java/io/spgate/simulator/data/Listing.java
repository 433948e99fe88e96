package io.spgate.simulator.data;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * One SKU of a seller, kept as Amazon keeps it: a product type plus the listing attributes JSON. Price, quantity and
 * channel are read from {@code purchasable_offer} and {@code fulfillment_availability}, so a JSON patch on those
 * attributes changes exactly what a report or a pricing call shows.
 */
public record Listing(String sku, String asin, String productType, JsonObject attributes, Instant createdDate, Instant lastUpdatedDate) {

  public static final String MFN_CHANNEL = "DEFAULT";

  public Listing withAttributes(String newProductType, JsonObject newAttributes, Instant now) {
    return new Listing(sku, asin, newProductType, newAttributes, createdDate, now);
  }

  public Optional<BigDecimal> price(String marketplaceId) {
    JsonArray offers = attributes.getJsonArray("purchasable_offer", new JsonArray());
    for (int i = 0; i < offers.size(); i++) {
      JsonObject offer = offers.getJsonObject(i);
      String mp = offer.getString("marketplace_id");
      if (mp == null || mp.equals(marketplaceId)) {
        return firstPrice(offer);
      }
    }
    return Optional.empty();
  }

  private static Optional<BigDecimal> firstPrice(JsonObject offer) {
    try {
      Object value = offer.getJsonArray("our_price").getJsonObject(0).getJsonArray("schedule").getJsonObject(0).getValue("value_with_tax");
      return value == null ? Optional.empty() : Optional.of(new BigDecimal(value.toString()));
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }

  public int quantity() {
    JsonObject availability = firstFulfillmentAvailability();
    Integer quantity = availability == null ? null : availability.getInteger("quantity");
    return quantity == null ? 0 : quantity;
  }

  public String fulfillmentChannelCode() {
    JsonObject availability = firstFulfillmentAvailability();
    String code = availability == null ? null : availability.getString("fulfillment_channel_code");
    return code == null ? MFN_CHANNEL : code;
  }

  /** FBA listings carry an AMAZON_NA / AMAZON_EU / AMAZON_FE channel code; merchant-fulfilled ones DEFAULT. */
  public boolean fulfilledByAmazon() {
    return fulfillmentChannelCode().startsWith("AMAZON");
  }

  public String title(String marketplaceId) {
    JsonArray names = attributes.getJsonArray("item_name", new JsonArray());
    String fallback = sku;
    for (int i = 0; i < names.size(); i++) {
      JsonObject name = names.getJsonObject(i);
      if (marketplaceId.equals(name.getString("marketplace_id"))) {
        return name.getString("value", fallback);
      }
      fallback = name.getString("value", fallback);
    }
    return fallback;
  }

  private JsonObject firstFulfillmentAvailability() {
    JsonArray list = attributes.getJsonArray("fulfillment_availability");
    return list == null || list.isEmpty() ? null : list.getJsonObject(0);
  }
}
