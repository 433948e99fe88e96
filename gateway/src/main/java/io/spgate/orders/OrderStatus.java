package io.spgate.orders;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** An order's state, from Orders API 2026-01-01's fulfillmentStatus (v0's OrderStatus names the same states). */
enum OrderStatus {
  PENDING_AVAILABILITY, PENDING, UNSHIPPED, PARTIALLY_SHIPPED, SHIPPED, CANCELLED, UNFULFILLABLE;

  String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A status the model does not list fails the order's sync visibly rather than storing a wrong state. */
  static OrderStatus fromAmazon(String fulfillmentStatus) {
    return Arrays.stream(values()).filter(s -> s.name().equals(fulfillmentStatus)).findFirst()
        .orElseThrow(() -> new AmazonOrder.Malformed("Amazon's order has an unknown fulfillmentStatus"));
  }

  static Optional<OrderStatus> parse(String value) {
    return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
  }
}
