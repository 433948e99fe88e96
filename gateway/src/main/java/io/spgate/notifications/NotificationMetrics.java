package io.spgate.notifications;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code spgate_notifications_total{type, outcome}} (applied, duplicate, ignored, failed, dead_lettered) and the
 * queue's receive failures. Types are Amazon's few notification types, so the series stay few.
 */
public final class NotificationMetrics {

  private static final Set<String> TYPES = Set.of("ORDER_CHANGE", "ANY_OFFER_CHANGED", "FEED_PROCESSING_FINISHED",
      "REPORT_PROCESSING_FINISHED", "LISTINGS_ITEM_STATUS_CHANGE", "LISTINGS_ITEM_STATUS_CHANGED", "B2B_ANY_OFFER_CHANGED",
      "LISTINGS_ITEM_ISSUES_CHANGE");

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Counter receiveFailures;

  public NotificationMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.receiveFailures = Counter.builder("spgate.notifications.receive.failures")
        .description("Receives from the notifications queue that failed").register(registry);
  }

  void taken(String type, NotificationIntake.Outcome outcome) {
    count(type, outcome.name());
  }

  void failed(String type) {
    count(type, "failed");
  }

  void deadLettered(String type) {
    count(type, "dead_lettered");
  }

  void receiveFailed() {
    receiveFailures.increment();
  }

  private void count(String rawType, String outcome) {
    // The queue is Amazon's to write to, but a type tag is only ever one of the few types Amazon sends.
    String type = TYPES.contains(rawType) ? rawType : "other";
    String key = type + '/' + outcome;
    counters.computeIfAbsent(key, k -> Counter.builder("spgate.notifications")
        .description("Notifications taken off the queue, by type and what became of them")
        .tag("type", type).tag("outcome", outcome.toLowerCase(Locale.ROOT)).register(registry)).increment();
  }
}
