package io.spgate.simulator.orders;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One order state in the words of both APIs: v0's OrderStatus and 2026-01-01's FulfillmentStatus. */
public final class OrderStatuses {
  /** v0 → 2026. InvoiceUnconfirmed (shipped, invoice not yet confirmed: Brazil) has no word of its own in 2026. */
  private static final Map<String, String> FULFILLMENT_STATUS = ordered(
      "PendingAvailability", "PENDING_AVAILABILITY",
      "Pending", "PENDING",
      "Unshipped", "UNSHIPPED",
      "PartiallyShipped", "PARTIALLY_SHIPPED",
      "Shipped", "SHIPPED",
      "InvoiceUnconfirmed", "SHIPPED",
      "Canceled", "CANCELLED",
      "Unfulfillable", "UNFULFILLABLE");

  private OrderStatuses() {}

  public static List<String> v0Statuses() {
    return List.copyOf(FULFILLMENT_STATUS.keySet());
  }

  public static String fulfillmentStatus(String v0Status) {
    String status = FULFILLMENT_STATUS.get(v0Status);
    if (status == null) {
      throw new IllegalArgumentException("unknown order status " + v0Status);
    }
    return status;
  }

  /** The v0 statuses a 2026 status stands for: SHIPPED is both Shipped and InvoiceUnconfirmed. */
  public static List<String> v0StatusesOf(String fulfillmentStatus) {
    return FULFILLMENT_STATUS.entrySet().stream().filter(e -> e.getValue().equals(fulfillmentStatus)).map(Map.Entry::getKey).toList();
  }

  /** A status named in either API's words, as v0's word (SHIPPED is Shipped); empty when it is neither. */
  public static Optional<String> v0Status(String either) {
    if (FULFILLMENT_STATUS.containsKey(either)) {
      return Optional.of(either);
    }
    return v0StatusesOf(either).stream().findFirst();
  }

  /** AFN → AMAZON, MFN → MERCHANT. */
  public static String fulfilledBy(String fulfillmentChannel) {
    return "AFN".equals(fulfillmentChannel) ? "AMAZON" : "MERCHANT";
  }

  public static String fulfillmentChannel(String fulfilledBy) {
    return "AMAZON".equals(fulfilledBy) ? "AFN" : "MFN";
  }

  private static Map<String, String> ordered(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
