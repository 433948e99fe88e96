package io.spgate.webhooks;

import io.spgate.events.EventTypes;
import io.spgate.events.NewEvent;
import io.spgate.events.Outbox;
import io.spgate.store.TurnsByTenant;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Deliveries and their attempts. "Now" for when a delivery is due comes from the caller's clock (a
 * test moves it); leases are Postgres' own time, since they guard against instances that stop.
 */
final class DeliveryStore {

  /**
   * Due deliveries of enabled endpoints, each the earliest still pending of its resource at its
   * endpoint (so the next event of an order waits for the one before it).
   */
  private static final TurnsByTenant DUE = new TurnsByTenant("webhook_deliveries", List.of("id"), "next_attempt_at",
      "{t}.status = 'pending' AND " + TurnsByTenant.dueAndFree("next_attempt_at", "$1") + " " + """
        AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p WHERE p.endpoint_id = {t}.endpoint_id
          AND p.resource_type = {t}.resource_type AND p.resource_id = {t}.resource_id AND p.status = 'pending'
          AND p.event_id < {t}.event_id)""", " JOIN webhook_endpoints e ON e.id = {t}.endpoint_id AND e.enabled", "e.tenant_id");

  /** Due deliveries leased for one attempt, with what the attempt needs. */
  private static final String LEASE = "WITH leased AS (UPDATE webhook_deliveries d SET lease_until = now() + $3 * interval '1 millisecond'"
      + " WHERE d.id IN (" + DUE.due("$2") + ") RETURNING d.id, d.endpoint_id, d.event_id, d.attempts, d.created_at) " + """
      SELECT l.id AS delivery_id, l.endpoint_id, l.attempts, e.tenant_id, e.url, e.secret_key_id, e.secret_sealed,
        (SELECT min(a.attempted_at) FROM webhook_attempts a WHERE a.delivery_id = l.id) AS first_attempt_at,
        ev.id, ev.type, ev.resource_type, ev.resource_id, ev.created_at, ev.data
      FROM leased l JOIN webhook_endpoints e ON e.id = l.endpoint_id JOIN events ev ON ev.id = l.event_id""";

  static final String DISABLED_REASON = "Every delivery failed for 3 days on end (failingSince says since when). Enable it again"
      + " (PATCH with \"enabled\": true) once it answers; what it missed is in GET /v1/events.";

  private final Pool pool;
  private final Outbox outbox;

  DeliveryStore(Pool pool, Outbox outbox) {
    this.pool = pool;
    this.outbox = outbox;
  }

  Future<List<Delivery>> leaseDue(OffsetDateTime now, int limit, Duration lease) {
    return pool.preparedQuery(LEASE).execute(Tuple.of(now, limit, lease.toMillis())).map(rows -> {
      List<Delivery> due = new ArrayList<>();
      rows.forEach(row -> due.add(Delivery.from(row)));
      return due;
    });
  }

  /** An attempt as it is recorded. */
  record Attempt(OffsetDateTime at, WebhookSender.Answer answer) {}

  /** What the attempt means for the delivery: delivered, to be tried again at a time, or given up. */
  record Next(Optional<OffsetDateTime> retryAt) {
    static Next done() {
      return new Next(Optional.empty());
    }
  }

  /**
   * Records an attempt and its consequences in one transaction: the delivery's state, the endpoint's
   * run of failures, and, once that run has lasted {@code disableAfter}, the endpoint disabled and
   * the tenant told with a {@code webhook_endpoint.disabled} event.
   *
   * @return whether the endpoint was disabled by this attempt
   */
  Future<Boolean> record(Delivery delivery, Attempt attempt, Next next, Duration disableAfter) {
    WebhookSender.Answer answer = attempt.answer();
    int millis = (int) Math.min(Integer.MAX_VALUE, answer.millis());
    OffsetDateTime failingBefore = attempt.at().minus(disableAfter);
    return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO webhook_attempts (delivery_id, endpoint_id, event_id, attempt,"
                + " attempted_at, status_code, error, duration_ms, response_snippet) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .execute(Tuple.from(new Object[] {delivery.id(), delivery.endpointId(), delivery.event().id(), delivery.attempts() + 1,
                attempt.at(), answer.statusCode().orElse(null), answer.error().orElse(null), millis, answer.snippet().orElse(null)}))
        .compose(v -> answer.delivered() ? delivered(tx, delivery, attempt.at()).map(false)
            : failed(tx, delivery, attempt.at(), next).compose(f -> disableIfFailingSince(tx, delivery, failingBefore))));
  }

  private static Future<Void> delivered(SqlConnection tx, Delivery delivery, OffsetDateTime at) {
    return tx.preparedQuery("UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, lease_until = NULL,"
            + " finished_at = $2 WHERE id = $1 AND status = 'pending'")
        .execute(Tuple.of(delivery.id(), at))
        .compose(v -> tx.preparedQuery("UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL")
            .execute(Tuple.of(delivery.endpointId())))
        .mapEmpty();
  }

  private static Future<Void> failed(SqlConnection tx, Delivery delivery, OffsetDateTime at, Next next) {
    return tx.preparedQuery("UPDATE webhook_deliveries SET attempts = attempts + 1, lease_until = NULL,"
            + " status = CASE WHEN $2::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,"
            + " next_attempt_at = coalesce($2, next_attempt_at), finished_at = CASE WHEN $2::timestamptz IS NULL THEN $3::timestamptz END"
            + " WHERE id = $1 AND status = 'pending'")
        .execute(Tuple.of(delivery.id(), next.retryAt().orElse(null), at))
        .compose(v -> tx.preparedQuery("UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, $2) WHERE id = $1")
            .execute(Tuple.of(delivery.endpointId(), at)))
        .mapEmpty();
  }

  private Future<Boolean> disableIfFailingSince(SqlConnection tx, Delivery delivery, OffsetDateTime failingBefore) {
    return tx.preparedQuery("UPDATE webhook_endpoints SET enabled = false, disabled_reason = $3, updated_at = now()"
            + " WHERE id = $1 AND enabled AND failing_since <= $2 RETURNING tenant_id, failing_since")
        .execute(Tuple.of(delivery.endpointId(), failingBefore, DISABLED_REASON))
        .compose(rows -> {
          if (!rows.iterator().hasNext()) {
            return Future.succeededFuture(false);
          }
          Row row = rows.iterator().next();
          NewEvent disabled = new NewEvent(row.getUUID("tenant_id"), EventTypes.WEBHOOK_ENDPOINT_DISABLED, "webhook_endpoint",
              delivery.endpointId().toString(), new JsonObject().put("endpointId", delivery.endpointId().toString())
                  .put("failingSince", row.getOffsetDateTime("failing_since").toString())
                  .put("reason", DISABLED_REASON));
          return outbox.append(tx, List.of(disabled)).map(true);
        });
  }

  /** The attempts at an endpoint's deliveries, newest first, before the attempt {@code before} names. */
  Future<List<JsonObject>> attempts(UUID endpointId, Optional<Long> before, int limit) {
    return pool.preparedQuery("SELECT a.id, a.event_id, ev.type, a.attempt, a.attempted_at, a.status_code, a.error, a.duration_ms,"
            + " a.response_snippet, d.status, d.next_attempt_at FROM webhook_attempts a"
            + " JOIN webhook_deliveries d ON d.id = a.delivery_id JOIN events ev ON ev.id = a.event_id"
            + " WHERE a.endpoint_id = $1 AND ($2::bigint IS NULL OR a.id < $2) ORDER BY a.id DESC LIMIT $3")
        .execute(Tuple.of(endpointId, before.orElse(null), limit))
        .map(rows -> {
          List<JsonObject> attempts = new ArrayList<>();
          rows.forEach(row -> attempts.add(attemptJson(row)));
          return attempts;
        });
  }

  private static JsonObject attemptJson(Row row) {
    String status = row.getString("status");
    JsonObject json = new JsonObject()
        .put("id", String.valueOf(row.getLong("id")))
        .put("eventId", String.valueOf(row.getLong("event_id")))
        .put("eventType", row.getString("type"))
        .put("attempt", row.getInteger("attempt"))
        .put("attemptedAt", row.getOffsetDateTime("attempted_at").toString())
        .put("durationMs", row.getInteger("duration_ms"))
        .put("deliveryStatus", status);
    Optional.ofNullable(row.getInteger("status_code")).ifPresent(code -> json.put("statusCode", code));
    Optional.ofNullable(row.getString("error")).ifPresent(error -> json.put("error", error));
    Optional.ofNullable(row.getString("response_snippet")).ifPresent(snippet -> json.put("responseSnippet", snippet));
    if (status.equals("pending")) {
      json.put("nextAttemptAt", row.getOffsetDateTime("next_attempt_at").toString());
    }
    return json;
  }

  /** How many deliveries to enabled endpoints are owed, and since when the oldest. */
  record Backlog(long pending, Optional<OffsetDateTime> oldest) {}

  Future<Backlog> backlog() {
    return pool.query("SELECT count(*), min(d.created_at) FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id"
            + " WHERE d.status = 'pending' AND e.enabled")
        .execute()
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Backlog(row.getLong(0), Optional.ofNullable(row.getOffsetDateTime(1)));
        });
  }
}
