package io.spgate.simulator.orders;

import io.spgate.simulator.data.Order;
import io.spgate.simulator.notifications.NotificationPublisher;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ground truth of a run: every change of every order, in the order they happened, with the wall-clock instant of
 * each, so a benchmark can check that a gateway stored each order once, in its last state, and how late. An entry is
 * about 100 bytes: a million changes fit in a hundred MB.
 */
public final class OrderChangeLog {
  public static final int DEFAULT_PAGE = 1_000;
  public static final int MAX_PAGE = 10_000;

  /** One change: the order's state after it, and when it happened on the wall clock ({@code changedAt}). */
  public record Change(long sequence, String sellerId, String orderId, String marketplaceId, String orderStatus,
      String fulfillmentChannel, Instant lastUpdatedTime, Instant changedAt) {

    public JsonObject toJson() {
      return toJson(null);
    }

    /**
     * With what became of its ORDER_CHANGE: {@code sent} (with its copies), {@code dropped} by the traps, {@code none}
     * (no subscription took it), or {@code pending} for a moment while it is being published.
     */
    JsonObject toJson(NotificationPublisher.Sent sent) {
      int copies = sent == null ? 0 : sent.copies();
      String notification = sent == null ? "pending" : copies < 0 ? "none" : copies == 0 ? "dropped" : "sent";
      JsonObject json = new JsonObject().put("notification", notification).put("copies", Math.max(0, copies));
      if (copies > 0) {
        json.put("firstCopyDelayMillis", sent.firstDelayMillis());
      }
      return json
          .put("sequence", sequence).put("sellerId", sellerId).put("orderId", orderId).put("marketplaceId", marketplaceId)
          .put("status", OrderStatuses.fulfillmentStatus(orderStatus)).put("orderStatus", orderStatus)
          .put("fulfilledBy", OrderStatuses.fulfilledBy(fulfillmentChannel))
          .put("lastUpdatedTime", lastUpdatedTime.toString()).put("changedAt", changedAt.toString());
    }
  }

  /** A page of changes, and the cursor after its last one (where the next page, or a later look, starts). */
  public record Page(List<Change> changes, List<NotificationPublisher.Sent> sent, long cursor, boolean hasMore, long total) {
    public JsonObject toJson() {
      JsonArray list = new JsonArray();
      for (int i = 0; i < changes.size(); i++) {
        list.add(changes.get(i).toJson(sent.get(i)));
      }
      return new JsonObject().put("changes", list).put("cursor", Long.toString(cursor)).put("hasMore", hasMore).put("total", total);
    }
  }

  private final List<Change> changes = new ArrayList<>();
  /** By sequence: what became of its ORDER_CHANGE; null until it is known. */
  private final List<NotificationPublisher.Sent> sent = new ArrayList<>();
  private Instant lastChangedAt = Instant.EPOCH;

  /** Appends a change; {@code changedAt} never goes back, so the log stays sorted by it for {@link #page}. */
  public synchronized Change record(String sellerId, Order order, Instant wallClock) {
    lastChangedAt = wallClock.isAfter(lastChangedAt) ? wallClock : lastChangedAt;
    Change change = new Change(changes.size(), sellerId, order.amazonOrderId(), order.marketplace().id(), order.orderStatus(),
        order.fulfillmentChannel(), order.lastUpdateDate(), lastChangedAt);
    changes.add(change);
    sent.add(null);
    return change;
  }

  /** What became of the change's notification. */
  public synchronized void notified(Change change, NotificationPublisher.Sent notification) {
    sent.set((int) change.sequence(), notification);
  }

  public synchronized long size() {
    return changes.size();
  }

  /**
   * Up to {@code limit} changes from {@code cursor} (a cursor from an earlier page), or without one from the first change at
   * or after {@code since} (null: from the start).
   */
  public synchronized Page page(Instant since, Long cursor, int limit) {
    int from = cursor != null ? (int) Math.min(Math.max(0, cursor), changes.size()) : firstAtOrAfter(since);
    int to = Math.min(changes.size(), from + limit);
    return new Page(List.copyOf(changes.subList(from, to)), new ArrayList<>(sent.subList(from, to)), to, to < changes.size(), changes.size());
  }

  private int firstAtOrAfter(Instant since) {
    if (since == null) {
      return 0;
    }
    int low = 0;
    int high = changes.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (changes.get(mid).changedAt().isBefore(since)) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
