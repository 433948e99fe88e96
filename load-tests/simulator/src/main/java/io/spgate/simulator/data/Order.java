package io.spgate.simulator.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An order as the Orders API v0 describes it; immutable, replaced whole when its status changes. */
public record Order(
    String amazonOrderId,
    String sellerOrderId,
    Marketplace marketplace,
    Instant purchaseDate,
    Instant lastUpdateDate,
    String orderStatus,
    String fulfillmentChannel,
    String shipServiceLevel,
    List<OrderItem> items,
    PostalAddress shippingAddress,
    String buyerEmail,
    String buyerName) {

  public BigDecimal total() {
    return items.stream().map(OrderItem::itemPrice).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public int itemsShipped() {
    return items.stream().mapToInt(OrderItem::quantityShipped).sum();
  }

  public int itemsUnshipped() {
    return items.stream().mapToInt(i -> i.quantityOrdered() - i.quantityShipped()).sum();
  }

  public Order withStatus(String status, List<OrderItem> newItems, Instant now) {
    return new Order(
        amazonOrderId, sellerOrderId, marketplace, purchaseDate, now, status, fulfillmentChannel, shipServiceLevel, newItems,
        shippingAddress, buyerEmail, buyerName);
  }
}
