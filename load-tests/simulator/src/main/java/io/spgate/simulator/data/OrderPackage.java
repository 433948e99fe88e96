package io.spgate.simulator.data;

import java.time.Instant;
import java.util.Map;

/** One package a shipment confirmation (or the seller's own shipping) sent: carrier, tracking and the items in it. */
public record OrderPackage(String packageReferenceId, String carrier, String trackingNumber, Instant shipTime, Instant createdTime,
    Map<String, Integer> quantities) {

  public OrderPackage {
    quantities = Map.copyOf(quantities);
  }
}
