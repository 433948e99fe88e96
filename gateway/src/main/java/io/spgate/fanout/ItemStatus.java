package io.spgate.fanout;

import java.util.List;

/** Where an update item is: pending and sent are open; the others are its outcome. */
final class ItemStatus {
  static final String PENDING = "pending";
  static final String SENT = "sent";
  static final String ACCEPTED = "accepted";
  static final String APPLIED = "applied";
  static final String REJECTED = "rejected";
  static final String SUPERSEDED = "superseded";
  static final String CANCELLED = "cancelled";
  static final List<String> ALL = List.of(PENDING, SENT, ACCEPTED, APPLIED, REJECTED, SUPERSEDED, CANCELLED);

  private ItemStatus() {}
}
