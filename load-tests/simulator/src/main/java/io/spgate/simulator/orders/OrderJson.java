package io.spgate.simulator.orders;

import io.spgate.simulator.data.Order;
import io.spgate.simulator.data.OrderItem;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;

/** Orders API v0 shapes of an order and its items; buyer PII only where an RDT granted it. */
final class OrderJson {
  private OrderJson() {}

  static JsonObject order(Order order, boolean withAddress, boolean withBuyerInfo) {
    JsonObject json = new JsonObject()
        .put("AmazonOrderId", order.amazonOrderId())
        .put("SellerOrderId", order.sellerOrderId())
        .put("PurchaseDate", order.purchaseDate().toString())
        .put("LastUpdateDate", order.lastUpdateDate().toString())
        .put("OrderStatus", order.orderStatus())
        .put("FulfillmentChannel", order.fulfillmentChannel())
        .put("SalesChannel", "Amazon." + order.marketplace().domain().substring("www.amazon.".length()))
        .put("ShipServiceLevel", order.shipServiceLevel())
        .put("NumberOfItemsShipped", order.itemsShipped())
        .put("NumberOfItemsUnshipped", order.itemsUnshipped())
        .put("PaymentMethod", "Other")
        .put("PaymentMethodDetails", new io.vertx.core.json.JsonArray().add("Standard"))
        .put("MarketplaceId", order.marketplace().id())
        .put("ShipmentServiceLevelCategory", "AFN".equals(order.fulfillmentChannel()) ? "Expedited" : "Standard")
        .put("OrderType", "StandardOrder")
        .put("EarliestShipDate", order.purchaseDate().plus(Duration.ofDays(1)).toString())
        .put("LatestShipDate", order.purchaseDate().plus(Duration.ofDays(3)).toString())
        .put("IsBusinessOrder", false)
        .put("IsPrime", "AFN".equals(order.fulfillmentChannel()))
        .put("IsPremiumOrder", false)
        .put("IsGlobalExpressEnabled", false)
        .put("IsReplacementOrder", false)
        .put("IsSoldByAB", false)
        .put("IsISPU", false)
        .put("IsAccessPointOrder", false)
        .put("HasRegulatedItems", false);
    // Pending orders have no confirmed total yet, as on Amazon.
    if (!"Pending".equals(order.orderStatus())) {
      json.put("OrderTotal", money(order.marketplace().currency(), order.total()));
    }
    JsonObject address = withAddress ? order.shippingAddress().toJson() : new JsonObject()
        .put("City", order.shippingAddress().city())
        .put("StateOrRegion", order.shippingAddress().stateOrRegion())
        .put("PostalCode", order.shippingAddress().postalCode())
        .put("CountryCode", order.shippingAddress().countryCode());
    json.put("ShippingAddress", address);
    JsonObject buyer = new JsonObject();
    if (withBuyerInfo) {
      buyer.put("BuyerEmail", order.buyerEmail()).put("BuyerName", order.buyerName());
    }
    return json.put("BuyerInfo", buyer);
  }

  static JsonObject item(Order order, OrderItem item) {
    String currency = order.marketplace().currency();
    return new JsonObject()
        .put("ASIN", item.asin())
        .put("SellerSKU", item.sku())
        .put("OrderItemId", item.orderItemId())
        .put("Title", item.title())
        .put("QuantityOrdered", item.quantityOrdered())
        .put("QuantityShipped", item.quantityShipped())
        .put("ItemPrice", money(currency, item.itemPrice()))
        .put("ItemTax", money(currency, BigDecimal.ZERO))
        .put("PromotionDiscount", money(currency, BigDecimal.ZERO))
        .put("IsGift", "false")
        .put("ConditionId", "New")
        .put("ConditionSubtypeId", "New")
        .put("IsTransparency", false)
        .put("SerialNumberRequired", false);
  }

  static JsonObject money(String currency, BigDecimal amount) {
    return new JsonObject().put("CurrencyCode", currency).put("Amount", amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
  }
}
