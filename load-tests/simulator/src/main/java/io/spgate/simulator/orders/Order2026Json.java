package io.spgate.simulator.orders;

import io.spgate.simulator.data.Order;
import io.spgate.simulator.data.OrderItem;
import io.spgate.simulator.data.OrderPackage;
import io.spgate.simulator.data.PostalAddress;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;

/**
 * Orders API 2026-01-01 shape of an order. The blocks an includedData value names (BUYER, RECIPIENT, PROCEEDS,
 * FULFILLMENT, PACKAGES) are there only when asked for; the other values (EXPENSE, PROMOTION, CANCELLATION, TAX, PAYMENT,
 * FULFILLMENT_ORDERS) are accepted and add nothing, the simulator having no such data. No Restricted Data Token is
 * needed in this version: buyer and recipient come with the seller's own token.
 */
final class Order2026Json {
  private Order2026Json() {}

  static JsonObject order(Order order, Set<String> included) {
    String currency = order.marketplace().currency();
    JsonObject json = new JsonObject()
        .put("orderId", order.amazonOrderId())
        .put("orderAliases", new JsonArray().add(new JsonObject().put("aliasId", order.sellerOrderId())
            .put("aliasType", "SELLER_ORDER_ID")))
        .put("createdTime", order.purchaseDate().toString())
        .put("lastUpdatedTime", order.lastUpdateDate().toString())
        .put("programs", order.fulfilledByAmazon() ? new JsonArray().add("PRIME") : new JsonArray())
        .put("salesChannel", new JsonObject().put("channelName", "AMAZON").put("marketplaceId", order.marketplace().id())
            .put("marketplaceName", "Amazon." + order.marketplace().domain().substring("www.amazon.".length())));
    if (included.contains("BUYER")) {
      JsonObject buyer = new JsonObject().put("buyerName", order.buyerName());
      // The model: the buyer's (anonymised) email is only there for orders the seller fulfils.
      if (!order.fulfilledByAmazon()) {
        buyer.put("buyerEmail", order.buyerEmail());
      }
      json.put("buyer", buyer);
    }
    if (included.contains("RECIPIENT")) {
      json.put("recipient", new JsonObject().put("deliveryAddress", address(order.shippingAddress())));
    }
    // A Pending order has no confirmed total yet, as in v0.
    if (included.contains("PROCEEDS") && !"Pending".equals(order.orderStatus())) {
      JsonObject total = money(currency, order.total());
      json.put("proceeds", new JsonObject().put("grandTotal", total)
          .put("breakdowns", new JsonArray().add(new JsonObject().put("type", "ITEM").put("subtotal", total.copy()))));
    }
    if (included.contains("FULFILLMENT")) {
      json.put("fulfillment", new JsonObject()
          .put("fulfillmentStatus", OrderStatuses.fulfillmentStatus(order.orderStatus()))
          .put("fulfilledBy", OrderStatuses.fulfilledBy(order.fulfillmentChannel()))
          .put("fulfillmentServiceLevel", order.fulfilledByAmazon() ? "EXPEDITED" : "STANDARD")
          .put("shipByWindow", new JsonObject().put("earliestDateTime", order.earliestShipDate().toString())
              .put("latestDateTime", order.latestShipDate().toString())));
    }
    JsonArray items = new JsonArray();
    for (OrderItem item : order.items()) {
      items.add(item(item, currency, included));
    }
    json.put("orderItems", items);
    // The model: packages only for orders the seller fulfils.
    if (included.contains("PACKAGES") && !order.fulfilledByAmazon()) {
      JsonArray packages = new JsonArray();
      order.packages().forEach(p -> packages.add(shipped(p)));
      json.put("packages", packages);
    }
    return json;
  }

  private static JsonObject item(OrderItem item, String currency, Set<String> included) {
    BigDecimal unit = item.itemPrice().divide(BigDecimal.valueOf(Math.max(1, item.quantityOrdered())), 2, RoundingMode.HALF_UP);
    JsonObject json = new JsonObject()
        .put("orderItemId", item.orderItemId())
        .put("quantityOrdered", item.quantityOrdered())
        .put("product", new JsonObject().put("asin", item.asin()).put("title", item.title()).put("sellerSku", item.sku())
            .put("condition", new JsonObject().put("conditionType", "New").put("conditionSubtype", "New"))
            .put("price", new JsonObject().put("unitPrice", money(currency, unit))));
    if (included.contains("PROCEEDS")) {
      json.put("proceeds", new JsonObject().put("proceedsTotal", money(currency, item.itemPrice())));
    }
    if (included.contains("FULFILLMENT")) {
      json.put("fulfillment", new JsonObject().put("quantityFulfilled", item.quantityShipped())
          .put("quantityUnfulfilled", item.quantityOrdered() - item.quantityShipped()));
    }
    return json;
  }

  private static JsonObject shipped(OrderPackage shipped) {
    JsonArray items = new JsonArray();
    shipped.quantities().forEach((id, quantity) -> items.add(new JsonObject().put("orderItemId", id).put("quantity", quantity)));
    return new JsonObject()
        .put("packageReferenceId", shipped.packageReferenceId())
        .put("createdTime", shipped.createdTime().toString())
        .put("packageStatus", new JsonObject().put("status", "SHIPPED"))
        .put("carrier", shipped.carrier())
        .put("shipTime", shipped.shipTime().toString())
        .put("trackingNumber", shipped.trackingNumber())
        .put("packageItems", items);
  }

  private static JsonObject address(PostalAddress address) {
    return new JsonObject()
        .put("name", address.name())
        .put("addressLine1", address.line1())
        .put("city", address.city())
        .put("stateOrRegion", address.stateOrRegion())
        .put("postalCode", address.postalCode())
        .put("countryCode", address.countryCode())
        .put("phone", address.phone())
        .put("addressType", "RESIDENTIAL");
  }

  static JsonObject money(String currency, BigDecimal amount) {
    return new JsonObject().put("amount", amount.setScale(2, RoundingMode.HALF_UP).toPlainString()).put("currencyCode", currency);
  }
}
