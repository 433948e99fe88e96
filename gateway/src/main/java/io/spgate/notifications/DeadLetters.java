package io.spgate.notifications;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Notifications whose effect kept failing, kept with their error. Each is the tenants' whose sellers it names (one row per
 * tenant, so none sees another's), or the operator's when it names none spgate knows. Replay takes one through the
 * intake again, as if it had just arrived (its NotificationId was never marked seen, since its effect never committed).
 */
public final class DeadLetters {

  private final Pool pool;

  public DeadLetters(Pool pool) {
    this.pool = pool;
  }

  /** A dead letter as the API shows it; the body only to the tenant it belongs to. */
  public record DeadLetter(UUID id, Optional<UUID> tenantId, Optional<String> notificationId, Optional<String> type, String body,
      String error, int receiveCount, OffsetDateTime failedAt, Optional<OffsetDateTime> replayedAt) {

    static DeadLetter from(Row row) {
      return new DeadLetter(row.getUUID("id"), Optional.ofNullable(row.getUUID("tenant_id")),
          Optional.ofNullable(row.getString("notification_id")), Optional.ofNullable(row.getString("type")), row.getString("body"),
          row.getString("error"), row.getInteger("receive_count"), row.getOffsetDateTime("failed_at"),
          Optional.ofNullable(row.getOffsetDateTime("replayed_at")));
    }

    public JsonObject toJson() {
      return new JsonObject().put("id", id.toString()).put("notificationId", notificationId.orElse(null)).put("type", type.orElse(null))
          .put("error", error).put("receiveCount", receiveCount).put("failedAt", failedAt.toString())
          .put("replayedAt", replayedAt.map(OffsetDateTime::toString).orElse(null)).put("body", body);
    }
  }

  /** Keeps a message that could not take effect: for the tenants owning the sellers it names ({@code sellingPartnerId}). */
  Future<Void> add(Optional<Notification> notification, String body, String error, int receiveCount, Optional<String> sellingPartnerId) {
    String sql = "INSERT INTO notification_dead_letters (id, tenant_id, notification_id, type, body, error, receive_count) "
        + "SELECT gen_random_uuid(), owners.tenant_id, $1, $2, $3, $4, $5 FROM ("
        + "  SELECT DISTINCT tenant_id FROM sellers WHERE selling_partner_id = $6"
        + "  UNION ALL SELECT NULL::uuid WHERE NOT EXISTS (SELECT 1 FROM sellers WHERE selling_partner_id = $6)) owners";
    return pool.preparedQuery(sql).execute(Tuple.of(notification.map(Notification::notificationId).orElse(null),
        notification.map(Notification::type).orElse(null), body, error, receiveCount, sellingPartnerId.orElse(null))).mapEmpty();
  }

  /** The tenant's dead letters, newest first; an admin acting for no tenant sees the ones no tenant owns. */
  public Future<List<DeadLetter>> list(Optional<UUID> tenantId, boolean includeReplayed, Optional<UUID> before, int limit) {
    String sql = "SELECT * FROM notification_dead_letters WHERE tenant_id IS NOT DISTINCT FROM $1 AND ($2 OR replayed_at IS NULL)"
        + " AND ($3::uuid IS NULL OR (failed_at, id) < (SELECT failed_at, id FROM notification_dead_letters WHERE id = $3))"
        + " ORDER BY failed_at DESC, id DESC LIMIT $4";
    return pool.preparedQuery(sql).execute(Tuple.of(tenantId.orElse(null), includeReplayed, before.orElse(null), limit)).map(rows -> {
      List<DeadLetter> letters = new ArrayList<>();
      rows.forEach(row -> letters.add(DeadLetter.from(row)));
      return letters;
    });
  }

  public Future<Optional<DeadLetter>> get(Optional<UUID> tenantId, UUID id) {
    return pool.preparedQuery("SELECT * FROM notification_dead_letters WHERE id = $1 AND tenant_id IS NOT DISTINCT FROM $2")
        .execute(Tuple.of(id, tenantId.orElse(null)))
        .map(rows -> rows.size() == 0 ? Optional.<DeadLetter>empty() : Optional.of(DeadLetter.from(rows.iterator().next())));
  }

  Future<Void> markReplayed(UUID id) {
    return pool.preparedQuery("UPDATE notification_dead_letters SET replayed_at = now() WHERE id = $1").execute(Tuple.of(id)).mapEmpty();
  }
}
