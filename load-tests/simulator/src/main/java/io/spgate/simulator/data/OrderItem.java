package io.spgate.simulator.data;

import java.math.BigDecimal;

/** One line of an order; prices are totals for the line, in the order's currency. */
public record OrderItem(String orderItemId, String asin, String sku, String title, int quantityOrdered, int quantityShipped,
    BigDecimal itemPrice) {

  public OrderItem withQuantityShipped(int shipped) {
    return new OrderItem(orderItemId, asin, sku, title, quantityOrdered, shipped, itemPrice);
  }
}
