package io.spgate.notifications;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * {@code spgate_notifications_total{type, outcome}} (applied, duplicate, ignored, failed, dead_lettered) and the
 * queue's receive failures. Types are Amazon's few notification types, so the series stay few; all of them are
 * registered at start, so an alert on an increase (dead letters) sees the first one after a restart.
 */
public final class NotificationMetrics {

  private static final String OTHER = "other";
  private static final String FAILED = "failed";
  private static final String DEAD_LETTERED = "dead_lettered";
  private static final List<String> OUTCOMES = Stream.concat(
      Arrays.stream(NotificationIntake.Outcome.values()).map(o -> o.name().toLowerCase(Locale.ROOT)), Stream.of(FAILED, DEAD_LETTERED))
      .toList();
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
    for (String type : TYPES) {
      OUTCOMES.forEach(outcome -> counter(type, outcome));
    }
    OUTCOMES.forEach(outcome -> counter(OTHER, outcome));
  }

  void taken(String type, NotificationIntake.Outcome outcome) {
    count(type, outcome.name());
  }

  void failed(String type) {
    count(type, FAILED);
  }

  void deadLettered(String type) {
    count(type, DEAD_LETTERED);
  }

  void receiveFailed() {
    receiveFailures.increment();
  }

  private void count(String rawType, String outcome) {
    // The queue is Amazon's to write to, but a type tag is only ever one of the few types Amazon sends.
    counter(TYPES.contains(rawType) ? rawType : OTHER, outcome.toLowerCase(Locale.ROOT)).increment();
  }

  private Counter counter(String type, String outcome) {
    return counters.computeIfAbsent(type + '/' + outcome, k -> Counter.builder("spgate.notifications")
        .description("Notifications taken off the queue, by type and what became of them")
        .tag("type", type).tag("outcome", outcome).register(registry));
  }
}
