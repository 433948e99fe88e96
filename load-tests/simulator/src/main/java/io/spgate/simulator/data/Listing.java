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
 *
 * <p>A seeded listing no client has changed holds only its {@link SeededOffer} (a few numbers) and renders its
 * attributes when asked: the JSON of a five-marketplace listing takes some 7 KB, which 100,000 listings cannot afford.
 */
public final class Listing {
  public static final String MFN_CHANNEL = "DEFAULT";

  private final String sku;
  private final String asin;
  private final String productType;
  private final long createdMillis;
  private final long lastUpdatedMillis;
  /** Set by a client (put, patch, feed); null while the listing is still as seeded. */
  private final JsonObject attributes;
  private final SeededOffer seeded;

  public Listing(String sku, String asin, String productType, JsonObject attributes, Instant createdDate, Instant lastUpdatedDate) {
    this(sku, asin, productType, attributes, null, createdDate, lastUpdatedDate);
  }

  private Listing(String sku, String asin, String productType, JsonObject attributes, SeededOffer seeded, Instant createdDate,
      Instant lastUpdatedDate) {
    this.sku = sku;
    this.asin = asin;
    this.productType = productType;
    this.attributes = attributes;
    this.seeded = seeded;
    this.createdMillis = createdDate.toEpochMilli();
    this.lastUpdatedMillis = lastUpdatedDate.toEpochMilli();
  }

  static Listing seeded(String sku, String asin, SeededOffer offer, Instant createdDate, Instant lastUpdatedDate) {
    return new Listing(sku, asin, "PRODUCT", null, offer, createdDate, lastUpdatedDate);
  }

  public Listing withAttributes(String newProductType, JsonObject newAttributes, Instant now) {
    return new Listing(sku, asin, newProductType, newAttributes, null, createdDate(), now);
  }

  public String sku() {
    return sku;
  }

  public String asin() {
    return asin;
  }

  public String productType() {
    return productType;
  }

  public Instant createdDate() {
    return Instant.ofEpochMilli(createdMillis);
  }

  public Instant lastUpdatedDate() {
    return Instant.ofEpochMilli(lastUpdatedMillis);
  }

  /** The attributes JSON; a seeded listing renders a fresh copy on each call, so callers may change what they get. */
  public JsonObject attributes() {
    return attributes != null ? attributes : seeded.attributes();
  }

  public Optional<BigDecimal> price(String marketplaceId) {
    if (attributes == null) {
      return seeded.price(marketplaceId);
    }
    JsonArray offers = attributes.getJsonArray("purchasable_offer", new JsonArray());
    for (int i = 0; i < offers.size(); i++) {
      if (!(offers.getValue(i) instanceof JsonObject offer)) {
        continue;
      }
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
    if (attributes == null) {
      return seeded.fba() ? 0 : seeded.quantity();
    }
    JsonObject availability = firstFulfillmentAvailability();
    Object quantity = availability == null ? null : availability.getValue("quantity");
    return quantity instanceof Integer || quantity instanceof Long ? ((Number) quantity).intValue() : 0;
  }

  public String fulfillmentChannelCode() {
    if (attributes == null) {
      return seeded.channelCode();
    }
    JsonObject availability = firstFulfillmentAvailability();
    String code = availability == null ? null : availability.getString("fulfillment_channel_code");
    return code == null ? MFN_CHANNEL : code;
  }

  /** FBA listings carry an AMAZON_NA / AMAZON_EU / AMAZON_FE channel code; merchant-fulfilled ones DEFAULT. */
  public boolean fulfilledByAmazon() {
    return fulfillmentChannelCode().startsWith("AMAZON");
  }

  public String title(String marketplaceId) {
    if (attributes == null) {
      return seeded.title(marketplaceId);
    }
    JsonArray names = attributes.getJsonArray("item_name", new JsonArray());
    String fallback = sku;
    for (int i = 0; i < names.size(); i++) {
      if (!(names.getValue(i) instanceof JsonObject name)) {
        continue;
      }
      if (marketplaceId.equals(name.getString("marketplace_id"))) {
        return name.getString("value", fallback);
      }
      fallback = name.getString("value", fallback);
    }
    return fallback;
  }

  private JsonObject firstFulfillmentAvailability() {
    JsonArray list = attributes.getJsonArray("fulfillment_availability");
    return list == null || list.isEmpty() || !(list.getValue(0) instanceof JsonObject first) ? null : first;
  }
}
