package io.spgate.webhooks;

import io.spgate.store.LeasedRounds;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what is owed, on every instance: each round leases due deliveries (so no two instances send
 * the same one at once), makes one attempt at each, and records it. A delivery whose instance stops
 * mid-attempt is taken up again when its lease runs out: at least once, never lost. Logs name
 * deliveries and endpoints by id only: no URL (it may hold a token), no body, no secret.
 */
final class DeliveryWorker {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
  /** Deliveries one round of one instance sends at once. */
  static final int BATCH = 100;

  private final Vertx vertx;
  private final DeliveryStore deliveries;
  private final WebhookEndpointStore endpoints;
  private final WebhookTargets targets;
  private final WebhookSender sender;
  private final WebhookMetrics metrics;
  private final Clock clock;
  private final DoubleSupplier random;
  private final LeasedRounds<Delivery> rounds;
  private boolean started;

  DeliveryWorker(Vertx vertx, DeliveryStore deliveries, WebhookEndpointStore endpoints, WebhookTargets targets, WebhookSender sender,
      WebhookMetrics metrics, Clock clock, DoubleSupplier random, Duration attemptTimeout) {
    this.vertx = vertx;
    this.deliveries = deliveries;
    this.endpoints = endpoints;
    this.targets = targets;
    this.sender = sender;
    this.metrics = metrics;
    this.clock = clock;
    this.random = random;
    // Longer than an attempt (a lookup, a connection within the timeout, the exchange within it) and its record.
    Duration lease = attemptTimeout.multipliedBy(3).plusSeconds(30);
    this.rounds = new LeasedRounds<>("Webhook deliveries", () -> deliveries.leaseDue(now(), BATCH, lease).onSuccess(due -> {
      if (due.size() == BATCH) {
        soon();
      }
    }), this::attempt);
  }

  void start(Duration tick) {
    started = true;
    rounds.every(vertx, tick);
  }

  /**
   * Another round right after this one, not a tick later: more was due than a round takes, or a
   * delivery went through and the next event of its resource may be waiting for it. Only once
   * started: a test's rounds are its own.
   */
  private void soon() {
    if (started) {
      rounds.runSoon();
    }
  }

  /** No more rounds; completes when the deliveries in hand were attempted and recorded. */
  Future<Void> stop() {
    return rounds.stop();
  }

  /** One round; completes when each delivery it leased was attempted and recorded. */
  Future<Void> round() {
    return rounds.run();
  }

  Future<Void> refreshBacklog() {
    return deliveries.backlog().map(backlog -> {
      metrics.backlog(backlog, clock.instant());
      return null;
    });
  }

  private Future<Void> attempt(Delivery delivery) {
    OffsetDateTime at = now();
    Buffer body = Buffer.buffer(delivery.event().toJson().encode());
    return Future.<WebhookSender.Answer>succeededFuture().compose(v -> {
      // Checked again: the operator may have stopped allowing private targets (and plain http) since it was registered.
      URI url = targets.parse(delivery.url());
      MultiMap headers = MultiMap.caseInsensitiveMultiMap()
          .set("content-type", "application/json")
          .set("user-agent", WebhookSender.USER_AGENT)
          .set("spgate-event-id", String.valueOf(delivery.event().id()))
          .set("spgate-event-type", delivery.event().type())
          .set(WebhookSignature.HEADER, WebhookSignature.header(secret(delivery), at.toEpochSecond(), body));
      return targets.resolve(url).compose(address -> sender.send(url, address, headers, body));
    }).recover(e -> Future.succeededFuture(WebhookSender.Answer.failed(sender.describe(e), 0))).compose(answer -> {
      metrics.attempted(answer.delivered());
      DeliveryStore.Next next = answer.delivered() ? DeliveryStore.Next.done() : after(delivery, at);
      return deliveries.record(delivery, new DeliveryStore.Attempt(at, answer), next, RetrySchedule.GIVE_UP_AFTER).map(disabled -> {
        if (answer.delivered()) {
          soon();
        }
        if (disabled) {
          metrics.disabled();
          LOG.info("Webhook endpoint {} disabled: every delivery failed for {} days", delivery.endpointId(),
              RetrySchedule.GIVE_UP_AFTER.toDays());
        }
        return null;
      });
    });
  }

  /**
   * When to try again, or empty once the delivery has been tried for long enough. Counted from its
   * first attempt, not from when it was owed: an endpoint failing all along has then been failing at
   * least as long, so the attempt that gives up its last delivery also disables it.
   */
  private DeliveryStore.Next after(Delivery delivery, OffsetDateTime at) {
    if (!at.isBefore(delivery.firstAttemptAt().orElse(at).plus(RetrySchedule.GIVE_UP_AFTER))) {
      return new DeliveryStore.Next(Optional.empty());
    }
    return new DeliveryStore.Next(Optional.of(at.plus(RetrySchedule.after(delivery.attempts() + 1, random.getAsDouble()))));
  }

  private String secret(Delivery delivery) {
    try {
      return endpoints.secret(delivery.endpointId(), delivery.secretKeyId(), delivery.sealedSecret());
    } catch (IllegalStateException e) {
      // SecretBox's message names the key and the row, never the secret.
      throw new IllegalStateException("spgate could not sign the event: the endpoint's secret does not open with the configured keys.");
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
