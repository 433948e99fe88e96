package io.spgate.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Webhook meters: attempts by outcome, endpoints disabled, and the backlog of deliveries owed to
 * enabled endpoints (read from Postgres every few seconds, so every instance shows the whole backlog).
 */
final class WebhookMetrics {

  private static final String ATTEMPTS = "Webhook delivery attempts: delivered (2xx), or failed (another status, no answer, refused)";

  private final Counter delivered;
  private final Counter failed;
  private final Counter disabled;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong oldestMillis = new AtomicLong();

  WebhookMetrics(MeterRegistry registry) {
    // One description for both: Prometheus shows one per metric name.
    this.delivered = Counter.builder("spgate.webhook.attempts").tag("outcome", "delivered").description(ATTEMPTS).register(registry);
    this.failed = Counter.builder("spgate.webhook.attempts").tag("outcome", "failed").description(ATTEMPTS).register(registry);
    this.disabled = Counter.builder("spgate.webhook.endpoints.disabled")
        .description("Webhook endpoints disabled after failing for 3 days").register(registry);
    Gauge.builder("spgate.webhook.backlog", pending, AtomicLong::get)
        .description("Webhook deliveries owed to enabled endpoints (all instances)").register(registry);
    Gauge.builder("spgate.webhook.backlog.oldest", oldestMillis, m -> m.get() / 1000.0).baseUnit("seconds")
        .description("Age of the oldest webhook delivery still owed to an enabled endpoint").register(registry);
  }

  void attempted(boolean wasDelivered) {
    (wasDelivered ? delivered : failed).increment();
  }

  void disabled() {
    disabled.increment();
  }

  void backlog(DeliveryStore.Backlog backlog, Instant now) {
    pending.set(backlog.pending());
    oldestMillis.set(backlog.oldest().map(oldest -> Math.max(0, Duration.between(oldest.toInstant(), now).toMillis())).orElse(0L));
  }
}
