package io.spgate.webhooks;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spgate.TestPostgres;
import io.spgate.crypto.SecretBox;
import io.spgate.events.EventTypes;
import io.spgate.events.NewEvent;
import io.spgate.events.Outbox;
import io.spgate.store.Database;
import io.spgate.store.Migrations;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery against a receiver on this machine, with time simulated: a clock the test moves, and
 * rounds of the worker the test runs itself, so days of retries pass in seconds.
 */
class WebhookDeliveryIT {

  private static final Duration STEP = Duration.ofSeconds(30);
  /** When days pass: retries are an hour apart by then. */
  private static final Duration DAYS_STEP = Duration.ofMinutes(15);
  private static final List<String> ORDERS = List.of("111-0000001-0000001", "111-0000001-0000002", "111-0000001-0000003");

  private final Vertx vertx = Vertx.vertx();
  private final SecretBox box = new SecretBox(List.of(new SecretBox.Key("test1", new byte[32])));
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final Outbox outbox = new Outbox();
  private TestPostgres postgres;
  private Pool pool;
  private MovableClock clock;
  private WebhooksFeature feature;
  private WebhookReceiver receiver;
  private UUID tenant;

  @BeforeEach
  void start() {
    postgres = TestPostgres.create();
    pool = Database.pool(vertx, postgres.url(), 8, Duration.ofSeconds(30));
    await(Migrations.bundled().apply(pool));
    tenant = UUID.randomUUID();
    await(pool.preparedQuery("INSERT INTO tenants (id, name) VALUES ($1, $2)").execute(Tuple.of(tenant, "Hooks " + tenant)));
    clock = new MovableClock(Instant.now());
    feature = new WebhooksFeature(vertx, pool, box, registry, true, clock, Duration.ofSeconds(2));
    receiver = WebhookReceiver.start(vertx);
  }

  @AfterEach
  void stop() {
    receiver.close();
    await(feature.close());
    await(pool.close());
    postgres.close();
    await(vertx.close());
  }

  @Test
  void should_deliver_every_event_signed_and_in_order_per_order_after_the_receiver_was_down_for_an_hour() {
    String secret = WebhookSignature.newSecret();
    UUID endpoint = endpoint(receiver.url("/hooks?token=receiver-token"), List.of("*"), secret);
    List<Long> appended = new ArrayList<>();
    receiver.answer(503);
    try (LoggedLines logs = LoggedLines.capture()) {
      // Four changes of each of three orders, interleaved as they come, each in a transaction of its own.
      for (int step = 0; step < 4; step++) {
        for (String order : ORDERS) {
          append(new NewEvent(tenant, step == 0 ? EventTypes.ORDER_CREATED : EventTypes.ORDER_CHANGED, "order", order,
              new JsonObject().put("orderId", order).put("step", step).put("buyerNote", "not-for-logs")));
        }
      }
      appended.addAll(eventIds());
      Instant start = startClock();
      runUntil(start.plus(Duration.ofHours(1)), () -> false);
      List<WebhookReceiver.Received> whileDown = receiver.received();

      receiver.answer(200);
      runUntil(start.plus(Duration.ofHours(4)), () -> pending() == 0);
      List<WebhookReceiver.Received> all = receiver.received();

      assertThat(pending()).isZero();
      assertThat(whileDown).allSatisfy(r -> assertThat(r.event().getJsonObject("data").getInteger("step")).isZero());
      // The first change of each order, at 0 s, then 10, 20, 40... seconds apart (±20 %): 9 attempts within the hour.
      assertThat(whileDown.stream().collect(Collectors.groupingBy(r -> r.event().getString("resourceId"), Collectors.counting())))
          .containsOnlyKeys(ORDERS).allSatisfy((order, attempts) -> assertThat(attempts).isEqualTo(9));
      assertThat(receiver.delivered().stream().map(WebhookReceiver.Received::eventId).distinct().map(Long::valueOf).sorted())
          .containsExactlyElementsOf(appended);
      assertThat(all).allSatisfy(r -> assertThat(WebhookSignature.verify(secret, r.headers().get("Spgate-Signature"), r.body())).isTrue());
      assertThat(all).allSatisfy(r -> {
        assertThat(r.headers().get("Spgate-Event-Type")).isEqualTo(r.event().getString("type"));
        assertThat(r.headers().get("Spgate-Event-Id")).isEqualTo(r.event().getString("id"));
        assertThat(r.headers().get("Content-Type")).isEqualTo("application/json");
      });
      // Every request of an order, failed ones too, carries its changes in order: none goes before the one ahead of it got through.
      for (Map.Entry<String, List<Integer>> order : stepsPerOrder(all).entrySet()) {
        assertThat(order.getValue()).as(order.getKey()).isSorted().containsSubsequence(0, 1, 2, 3);
      }
      assertThat(count("SELECT count(*) FROM webhook_attempts")).isEqualTo(all.size());
      assertThat(row("SELECT enabled, failing_since FROM webhook_endpoints WHERE id = $1", endpoint).getBoolean(0)).isTrue();
      assertThat(row("SELECT enabled, failing_since FROM webhook_endpoints WHERE id = $1", endpoint).getValue(1)).isNull();
      assertThat(logs.lines()).noneMatch(line -> line.contains(secret) || line.contains("not-for-logs") || line.contains("receiver-token"));
    }
  }

  @Test
  void should_share_the_deliveries_between_instances_sending_each_once_and_in_order() {
    WebhooksFeature other = new WebhooksFeature(vertx, pool, box, new SimpleMeterRegistry(), true, clock, Duration.ofSeconds(2));
    endpoint(receiver.url("/shared"), List.of("*"), WebhookSignature.newSecret());
    for (int step = 0; step < 4; step++) {
      for (int order = 0; order < 10; order++) {
        append(new NewEvent(tenant, EventTypes.ORDER_CHANGED, "order", "order-" + order, new JsonObject().put("step", step)));
      }
    }
    startClock();

    // Both instances' rounds at once, until nothing is owed.
    for (int round = 0; round < 20 && pending() > 0; round++) {
      await(io.vertx.core.Future.all(feature.worker().round(), other.worker().round()));
    }
    await(other.close());

    List<WebhookReceiver.Received> received = receiver.received();
    assertThat(pending()).isZero();
    assertThat(received).hasSize(40);
    assertThat(received.stream().map(WebhookReceiver.Received::eventId).distinct()).hasSize(40);
    assertThat(stepsPerOrder(received)).hasSize(10).allSatisfy((order, steps) -> assertThat(steps).containsExactly(0, 1, 2, 3));
  }

  @Test
  void should_disable_an_endpoint_that_failed_for_three_days_and_tell_the_tenant() {
    receiver.answer(500);
    String secret = WebhookSignature.newSecret();
    UUID failing = endpoint(receiver.url("/failing"), List.of(EventTypes.ORDER_CREATED), secret);
    try (WebhookReceiver healthy = WebhookReceiver.start(vertx)) {
      String healthySecret = WebhookSignature.newSecret();
      endpoint(healthy.url("/healthy"), List.of(EventTypes.WEBHOOK_ENDPOINT_DISABLED), healthySecret);
      append(new NewEvent(tenant, EventTypes.ORDER_CREATED, "order", ORDERS.get(0), new JsonObject()));
      Instant start = startClock();

      runUntil(start.plus(Duration.ofDays(2)), DAYS_STEP, () -> false);
      boolean enabledAfterTwoDays = row("SELECT enabled FROM webhook_endpoints WHERE id = $1", failing).getBoolean(0);
      runUntil(start.plus(Duration.ofDays(4)), DAYS_STEP, () -> !healthy.delivered().isEmpty());

      Row endpoint = row("SELECT enabled, disabled_reason, failing_since FROM webhook_endpoints WHERE id = $1", failing);
      assertThat(enabledAfterTwoDays).isTrue();
      assertThat(endpoint.getBoolean("enabled")).isFalse();
      assertThat(endpoint.getString("disabled_reason")).startsWith("Every delivery failed for 3 days on end");
      assertThat(endpoint.getOffsetDateTime("failing_since").toInstant()).isEqualTo(start);
      assertThat(row("SELECT status FROM webhook_deliveries WHERE endpoint_id = $1", failing).getString(0)).isEqualTo("failed");
      assertThat(healthy.delivered()).hasSize(1);
      JsonObject told = healthy.delivered().get(0).event();
      assertThat(told.getString("type")).isEqualTo(EventTypes.WEBHOOK_ENDPOINT_DISABLED);
      assertThat(told.getString("resourceId")).isEqualTo(failing.toString());
      assertThat(told.getJsonObject("data").getString("failingSince")).isEqualTo(endpoint.getOffsetDateTime("failing_since").toString());
      assertThat(WebhookSignature.verify(healthySecret, healthy.delivered().get(0).headers().get("Spgate-Signature"),
          healthy.delivered().get(0).body())).isTrue();
      assertThat(registry.counter("spgate.webhook.endpoints.disabled").count()).isEqualTo(1);
    }
  }

  @Test
  void should_take_up_a_delivery_whose_instance_stopped_once_its_lease_ran_out() {
    endpoint(receiver.url("/hooks"), List.of("*"), WebhookSignature.newSecret());
    append(new NewEvent(tenant, EventTypes.ORDER_CREATED, "order", ORDERS.get(0), new JsonObject()));
    startClock();
    // Another instance leases it for its attempt, and stops before making it.
    DeliveryStore stopped = new DeliveryStore(pool, outbox);
    assertThat(await(stopped.leaseDue(now(), 10, Duration.ofMinutes(5)))).hasSize(1);

    await(feature.worker().round());
    int whileLeased = receiver.received().size();
    await(pool.query("UPDATE webhook_deliveries SET lease_until = now() - interval '1 second'").execute());
    await(feature.worker().round());

    assertThat(whileLeased).isZero();
    assertThat(receiver.delivered()).hasSize(1);
    assertThat(pending()).isZero();
  }

  @Test
  void should_keep_only_the_start_of_a_long_answer() {
    receiver.answerWith("0123456789".repeat(200_000));
    UUID endpoint = endpoint(receiver.url("/talkative"), List.of("*"), WebhookSignature.newSecret());
    append(new NewEvent(tenant, EventTypes.ORDER_CREATED, "order", ORDERS.get(0), new JsonObject()));
    startClock();

    try (LoggedLines logs = LoggedLines.capture()) {
      await(feature.worker().round());

      Row attempt = row("SELECT status_code, response_snippet FROM webhook_attempts WHERE endpoint_id = $1", endpoint);
      assertThat(attempt.getInteger("status_code")).isEqualTo(200);
      assertThat(attempt.getString("response_snippet")).isEqualTo("0123456789".repeat(26).substring(0, WebhookSender.SNIPPET_BYTES));
      assertThat(pending()).isZero();
      assertThat(logs.lines()).noneMatch(line -> line.contains("Exception"));
    }
  }

  @Test
  void should_record_an_attempt_that_got_no_answer_in_time_and_try_again_later() {
    receiver.answer(WebhookReceiver.SILENT);
    UUID endpoint = endpoint(receiver.url("/slow"), List.of("*"), WebhookSignature.newSecret());
    append(new NewEvent(tenant, EventTypes.ORDER_CREATED, "order", ORDERS.get(0), new JsonObject()));
    startClock();

    try (LoggedLines logs = LoggedLines.capture()) {
      await(feature.worker().round());
      // The timer that ended the attempt closed its connection: nothing went wrong beyond that.
      assertThat(logs.lines()).noneMatch(line -> line.contains("Exception"));
    }

    Row attempt = row("SELECT error, status_code, duration_ms, attempt FROM webhook_attempts WHERE endpoint_id = $1", endpoint);
    Row delivery = row("SELECT status, next_attempt_at, attempts FROM webhook_deliveries WHERE endpoint_id = $1", endpoint);
    assertThat(attempt.getString("error")).isEqualTo("No answer within 2 s.");
    assertThat(attempt.getValue("status_code")).isNull();
    assertThat(attempt.getInteger("duration_ms")).isBetween(1_900, 10_000);
    assertThat(attempt.getInteger("attempt")).isOne();
    assertThat(delivery.getString("status")).isEqualTo("pending");
    assertThat(delivery.getInteger("attempts")).isOne();
    assertThat(Duration.between(clock.instant(), delivery.getOffsetDateTime("next_attempt_at").toInstant()))
        .isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
  }

  @Test
  void should_refuse_to_send_to_a_loopback_address_when_private_targets_are_not_allowed() {
    WebhooksFeature strict = new WebhooksFeature(vertx, pool, box, new SimpleMeterRegistry(), false, clock, Duration.ofSeconds(2));
    // Registered while the operator allowed it; delivered after it no longer does.
    UUID endpoint = endpoint(receiver.url("/hooks").replace("http:", "https:"), List.of("*"), WebhookSignature.newSecret());
    append(new NewEvent(tenant, EventTypes.ORDER_CREATED, "order", ORDERS.get(0), new JsonObject()));
    startClock();

    await(strict.worker().round());
    await(strict.close());

    assertThat(receiver.received()).isEmpty();
    assertThat(row("SELECT error FROM webhook_attempts WHERE endpoint_id = $1", endpoint).getString(0))
        .isEqualTo("The host 127.0.0.1 resolves to a loopback address; webhooks go to public addresses only.");
    assertThat(pending()).isOne();
  }

  @Test
  void should_count_attempts_by_outcome_and_show_the_backlog() {
    receiver.answer(503);
    endpoint(receiver.url("/hooks"), List.of("*"), WebhookSignature.newSecret());
    append(new NewEvent(tenant, EventTypes.ORDER_CREATED, "order", ORDERS.get(0), new JsonObject()));
    append(new NewEvent(tenant, EventTypes.ORDER_CREATED, "order", ORDERS.get(1), new JsonObject()));
    startClock();

    await(feature.worker().round());
    clock.advance(Duration.ofMinutes(1));
    await(feature.worker().refreshBacklog());
    double backlogWhileDown = registry.get("spgate.webhook.backlog").gauge().value();
    double oldestWhileDown = registry.get("spgate.webhook.backlog.oldest").gauge().value();
    receiver.answer(200);
    await(feature.worker().round());
    await(feature.worker().refreshBacklog());

    assertThat(backlogWhileDown).isEqualTo(2);
    assertThat(oldestWhileDown).isBetween(59.0, 75.0);
    assertThat(registry.get("spgate.webhook.backlog").gauge().value()).isZero();
    assertThat(registry.get("spgate.webhook.attempts").tag("outcome", "failed").counter().count()).isEqualTo(2);
    assertThat(registry.get("spgate.webhook.attempts").tag("outcome", "delivered").counter().count()).isEqualTo(2);
  }

  /**
   * Starts the simulated time a little after Postgres' clock, which stamped what was appended so far:
   * all of it is due at the first round.
   */
  private Instant startClock() {
    clock.set(Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS));
    return clock.instant();
  }

  /** Rounds every {@link #STEP} of simulated time until {@code until}, or sooner once {@code done} holds. */
  private void runUntil(Instant until, BooleanSupplier done) {
    runUntil(until, STEP, done);
  }

  private void runUntil(Instant until, Duration step, BooleanSupplier done) {
    while (clock.instant().isBefore(until) && !done.getAsBoolean()) {
      await(feature.worker().round());
      clock.advance(step);
    }
  }

  private UUID endpoint(String url, List<String> types, String secret) {
    EndpointInput input = new EndpointInput(Optional.of(URI.create(url)), Optional.of(types), Optional.empty(), Optional.empty());
    return await(new WebhookEndpointStore(pool, box).create(tenant, input, secret)).orElseThrow().id();
  }

  private void append(NewEvent event) {
    await(pool.withTransaction(tx -> outbox.append(tx, List.of(event))));
  }

  private List<Long> eventIds() {
    List<Long> ids = new ArrayList<>();
    await(pool.query("SELECT id FROM events ORDER BY id").execute()).forEach(row -> ids.add(row.getLong(0)));
    return ids;
  }

  private long pending() {
    return count("SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'");
  }

  private long count(String sql) {
    return await(pool.query(sql).execute()).iterator().next().getLong(0);
  }

  private Row row(String sql, UUID id) {
    return await(pool.preparedQuery(sql).execute(Tuple.of(id))).iterator().next();
  }

  private java.time.OffsetDateTime now() {
    return java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
  }

  private static Map<String, List<Integer>> stepsPerOrder(List<WebhookReceiver.Received> received) {
    Map<String, List<Integer>> steps = new LinkedHashMap<>();
    for (WebhookReceiver.Received r : received) {
      steps.computeIfAbsent(r.event().getString("resourceId"), k -> new ArrayList<>())
          .add(r.event().getJsonObject("data").getInteger("step"));
    }
    return steps;
  }
}
