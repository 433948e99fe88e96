package io.spgate.fanout;

import io.spgate.channels.ChannelId;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An update whose fields have the right shapes: the channel it names (by channelId, or sellerId and
 * marketplaceId), its SKU, and what it changes. Whether the channel, the SKU's mapping and the values
 * are acceptable is {@link UpdateRules}' question.
 */
record ParsedUpdate(int index, ChannelId channel, String sku, Optional<BigDecimal> price, Optional<String> currency,
    Optional<Integer> quantity, Optional<Integer> handlingTime) {

  private static final Set<String> FIELDS = Set.of("channelId", "sellerId", "marketplaceId", "sku", "price", "quantity", "handlingTime");
  /** Amazon's longest seller SKU. */
  static final int MAX_SKU = 40;

  static ParsedUpdate parse(RawUpdate raw) {
    return parse(raw, new HashMap<>());
  }

  /** As {@link #parse(RawUpdate)}, with the channel ids this request named so far: a request names a few channels many times. */
  static ParsedUpdate parse(RawUpdate raw, Map<String, Optional<ChannelId>> channelIds) {
    JsonObject fields = raw.fields();
    for (String name : fields.fieldNames()) {
      if (!FIELDS.contains(name)) {
        throw invalid("Unknown field '" + name + "'; an update has channelId (or sellerId and marketplaceId), sku, price, quantity "
            + "and handlingTime.");
      }
    }
    ChannelId channel = channel(fields, channelIds);
    String sku = text(fields, "sku").orElseThrow(() -> invalid("'sku' is required."));
    if (sku.length() > MAX_SKU) {
      throw invalid("'sku' is longer than Amazon's " + MAX_SKU + " characters.");
    }
    Optional<BigDecimal> price = Optional.empty();
    Optional<String> currency = Optional.empty();
    Object rawPrice = fields.getValue("price");
    if (rawPrice != null) {
      if (!(rawPrice instanceof JsonObject priceObject)) {
        throw new RejectedUpdateException("price_invalid", "'price' must be an object {amount, currency}.");
      }
      price = Optional.of(decimal(priceObject.getValue("amount"), "price_invalid", "'price.amount'"));
      currency = Optional.of(text(priceObject, "currency")
          .orElseThrow(() -> new RejectedUpdateException("price_invalid", "'price.currency' is required.")));
    }
    Optional<Integer> quantity = Optional.ofNullable(fields.getValue("quantity"))
        .map(q -> whole(q, "quantity_invalid", "'quantity'"));
    if (quantity.isPresent() && quantity.get() < 0) {
      throw new RejectedUpdateException("quantity_invalid", "'quantity' must be 0 or more.");
    }
    Optional<Integer> handlingTime = Optional.ofNullable(fields.getValue("handlingTime"))
        .map(h -> whole(h, "handling_time_invalid", "'handlingTime'"));
    if (handlingTime.isPresent() && (handlingTime.get() < 0 || handlingTime.get() > 30)) {
      throw new RejectedUpdateException("handling_time_invalid", "'handlingTime' must be a whole number of days from 0 to 30.");
    }
    if (price.isEmpty() && quantity.isEmpty() && handlingTime.isEmpty()) {
      throw new RejectedUpdateException("nothing_to_update", "The update has no price, quantity or handlingTime.");
    }
    return new ParsedUpdate(raw.index(), channel, sku, price, currency, quantity, handlingTime);
  }

  private static ChannelId channel(JsonObject fields, Map<String, Optional<ChannelId>> channelIds) {
    Optional<String> channelId = text(fields, "channelId");
    if (channelId.isPresent()) {
      if (fields.containsKey("sellerId") || fields.containsKey("marketplaceId")) {
        throw invalid("Name the channel by channelId or by sellerId and marketplaceId, not both.");
      }
      return channelIds.computeIfAbsent(channelId.get(), ChannelId::parse).orElseThrow(() -> new RejectedUpdateException(
          "channel_unknown", "Channel " + channelId.get() + " does not exist."));
    }
    String sellerId = text(fields, "sellerId").orElseThrow(() -> invalid("'channelId', or 'sellerId' and 'marketplaceId', is required."));
    String marketplaceId = text(fields, "marketplaceId").orElseThrow(() -> invalid("'marketplaceId' is required with 'sellerId'."));
    try {
      return new ChannelId(UUID.fromString(sellerId), marketplaceId);
    } catch (IllegalArgumentException e) {
      throw new RejectedUpdateException("channel_unknown", "Seller " + sellerId + " does not exist.");
    }
  }

  private static Optional<String> text(JsonObject fields, String name) {
    Object value = fields.getValue(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String s) || s.isBlank()) {
      throw invalid("'" + name + "' must be a non-empty string.");
    }
    return Optional.of(s);
  }

  private static BigDecimal decimal(Object value, String code, String what) {
    if (value instanceof BigDecimal number) {
      return number; // a JSON body's decimals, read as written
    }
    try {
      if (value instanceof Number || value instanceof String) {
        return new BigDecimal(value.toString().trim());
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new RejectedUpdateException(code, what + " must be a number.");
  }

  private static int whole(Object value, String code, String what) {
    if (value instanceof Integer number) {
      return number;
    }
    BigDecimal number = decimal(value, code, what);
    try {
      return number.intValueExact();
    } catch (ArithmeticException e) {
      throw new RejectedUpdateException(code, what + " must be a whole number.");
    }
  }

  private static RejectedUpdateException invalid(String detail) {
    return new RejectedUpdateException("invalid_item", detail);
  }
}
