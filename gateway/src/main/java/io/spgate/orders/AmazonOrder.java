package io.spgate.orders;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An order as Orders API 2026-01-01 shows it (searchOrders, getOrder), reduced to what spgate keeps: no buyer, no
 * recipient (those are fetched on demand and never stored).
 */
record AmazonOrder(String amazonOrderId, Optional<String> marketplaceId, OrderStatus status, String fulfillment, Instant purchasedAt,
    Instant lastUpdatedAt, Optional<Instant> shipBy, Optional<String> currency, Optional<BigDecimal> total, List<Item> items) {

  /** One line of the order. */
  record Item(String orderItemId, Optional<String> sku, Optional<String> asin, Optional<String> title, int quantity,
      int quantityShipped, Optional<BigDecimal> unitPrice) {

    JsonObject toJson(Optional<String> currency) {
      return new JsonObject().put("orderItemId", orderItemId).put("sku", sku.orElse(null)).put("asin", asin.orElse(null))
          .put("title", title.orElse(null)).put("quantity", quantity).put("quantityShipped", quantityShipped)
          .put("unitPrice", unitPrice.map(p -> Money.json(p, currency.orElse(null))).orElse(null));
    }
  }

  /** Thrown for an answer that lacks what every order has. */
  static final class Malformed extends RuntimeException {
    Malformed(String message) {
      super(message);
    }
  }

  static AmazonOrder parse(JsonObject order) {
    String id = required(order, "orderId");
    JsonObject channel = order.getJsonObject("salesChannel", new JsonObject());
    JsonObject fulfillment = order.getJsonObject("fulfillment", new JsonObject());
    OrderStatus status = OrderStatus.fromAmazon(fulfillment.getString("fulfillmentStatus", "PENDING"));
    String by = "AMAZON".equals(fulfillment.getString("fulfilledBy")) ? "FBA" : "MFN";
    Optional<Instant> shipBy = Optional.ofNullable(fulfillment.getJsonObject("shipByWindow"))
        .map(window -> window.getString("latestDateTime", window.getString("endDateTime"))).map(AmazonOrder::instant);
    JsonObject grandTotal = Optional.ofNullable(order.getJsonObject("proceeds")).map(p -> p.getJsonObject("grandTotal")).orElse(null);
    List<Item> items = new ArrayList<>();
    Optional<String> currency = Optional.ofNullable(grandTotal).map(t -> t.getString("currencyCode"));
    for (Object o : order.getJsonArray("orderItems", new JsonArray())) {
      JsonObject item = (JsonObject) o;
      JsonObject product = item.getJsonObject("product", new JsonObject());
      JsonObject price = Optional.ofNullable(product.getJsonObject("price")).map(p -> p.getJsonObject("unitPrice")).orElse(null);
      if (currency.isEmpty() && price != null) {
        currency = Optional.ofNullable(price.getString("currencyCode"));
      }
      int quantity = item.getInteger("quantityOrdered", 0);
      int shipped = Optional.ofNullable(item.getJsonObject("fulfillment")).map(f -> f.getInteger("quantityFulfilled")).orElse(0);
      items.add(new Item(required(item, "orderItemId"), Optional.ofNullable(product.getString("sellerSku")),
          Optional.ofNullable(product.getString("asin")), Optional.ofNullable(product.getString("title")), quantity, shipped,
          Optional.ofNullable(price).map(Money::amount)));
    }
    return new AmazonOrder(id, Optional.ofNullable(channel.getString("marketplaceId")), status, by, instant(required(order, "createdTime")),
        instant(required(order, "lastUpdatedTime")), shipBy, currency, Optional.ofNullable(grandTotal).map(Money::amount), items);
  }

  JsonArray itemsJson() {
    JsonArray json = new JsonArray();
    items.forEach(item -> json.add(item.toJson(currency)));
    return json;
  }

  /** What an event is raised for: the state without the time Amazon stamped on it. */
  byte[] contentSha256() {
    String content = String.join("|", status.value(), fulfillment, shipBy.map(Instant::toString).orElse(""), currency.orElse(""),
        total.map(BigDecimal::toPlainString).orElse(""), marketplaceId.orElse(""), itemsJson().encode());
    try {
      return MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String required(JsonObject json, String field) {
    String value = json.getString(field);
    if (value == null || value.isBlank()) {
      throw new Malformed("Amazon's order has no " + field);
    }
    return value;
  }

  static Instant instant(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new Malformed("Amazon's order has a time that is not ISO-8601: " + value.toLowerCase(Locale.ROOT));
    }
  }

  /** Amazon's Money: {@code {amount, currencyCode}}, the amount a decimal string. */
  static final class Money {
    private Money() {}

    static BigDecimal amount(JsonObject money) {
      Object amount = money.getValue("amount");
      if (amount == null) {
        throw new Malformed("Amazon's money has no amount");
      }
      try {
        return new BigDecimal(amount.toString());
      } catch (NumberFormatException e) {
        throw new Malformed("Amazon's money amount is not a decimal");
      }
    }

    static JsonObject json(BigDecimal amount, String currency) {
      return new JsonObject().put("amount", amount.toPlainString()).put("currency", currency);
    }
  }
}
