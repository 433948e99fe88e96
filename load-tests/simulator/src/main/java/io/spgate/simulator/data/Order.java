package io.spgate.simulator.data;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An order as the Orders API v0 describes it (the 2026-01-01 shape is rendered from it); immutable, replaced whole when
 * it changes. {@code packages} are the MFN shipments confirmed for it.
 */
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
    String buyerName,
    List<OrderPackage> packages) {

  public Order {
    packages = packages == null ? List.of() : List.copyOf(packages);
  }

  public BigDecimal total() {
    return items.stream().map(OrderItem::itemPrice).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public int itemsShipped() {
    return items.stream().mapToInt(OrderItem::quantityShipped).sum();
  }

  public int itemsUnshipped() {
    return items.stream().mapToInt(i -> i.quantityOrdered() - i.quantityShipped()).sum();
  }

  public boolean fulfilledByAmazon() {
    return "AFN".equals(fulfillmentChannel);
  }

  public Instant earliestShipDate() {
    return purchaseDate.plus(Duration.ofDays(1));
  }

  public Instant latestShipDate() {
    return purchaseDate.plus(Duration.ofDays(3));
  }

  public Order withStatus(String status, List<OrderItem> newItems, Instant now) {
    return new Order(
        amazonOrderId, sellerOrderId, marketplace, purchaseDate, now, status, fulfillmentChannel, shipServiceLevel, newItems,
        shippingAddress, buyerEmail, buyerName, packages);
  }

  /** The same order, changed at {@code time}. */
  public Order withLastUpdateDate(Instant time) {
    return new Order(
        amazonOrderId, sellerOrderId, marketplace, purchaseDate, time, orderStatus, fulfillmentChannel, shipServiceLevel, items,
        shippingAddress, buyerEmail, buyerName, packages);
  }

  /** The same order with one more package shipped. */
  public Order withPackage(OrderPackage shipped) {
    List<OrderPackage> all = new ArrayList<>(packages);
    all.add(shipped);
    return new Order(
        amazonOrderId, sellerOrderId, marketplace, purchaseDate, lastUpdateDate, orderStatus, fulfillmentChannel, shipServiceLevel, items,
        shippingAddress, buyerEmail, buyerName, all);
  }

  /** The same order fulfilled by another channel: AFN (Amazon) or MFN (the seller). */
  public Order withFulfillmentChannel(String channel) {
    String level = "AFN".equals(channel) ? "Expedited" : "Std " + marketplace.countryCode() + " Dom_1";
    return new Order(
        amazonOrderId, sellerOrderId, marketplace, purchaseDate, lastUpdateDate, orderStatus, channel, level, items,
        shippingAddress, buyerEmail, buyerName, packages);
  }
}
