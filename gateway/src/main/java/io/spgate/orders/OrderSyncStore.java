package io.spgate.orders;

import io.spgate.store.TurnsByTenant;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Each seller's order polling: how far it has read, when it polls next, and what it concluded of the notifications. */
final class OrderSyncStore {

  private static final TurnsByTenant DUE = new TurnsByTenant("order_sync", List.of("seller_id"), "next_poll_at",
      TurnsByTenant.dueAndFree("next_poll_at", "now()"),
      " JOIN sellers s ON s.id = {t}.seller_id", "s.tenant_id");

  /** Whether a seller's notifications can be trusted: unknown until polling has seen them at work or missing. */
  enum Health {
    UNKNOWN, HEALTHY, UNHEALTHY;

    String value() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Health parse(String value) {
      return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** A page a round stopped at when its call budget ran out: the next round reads on from it. */
  record PageLeft(String token, Instant after, Instant before) {}

  record SyncState(UUID sellerId, Optional<Instant> checkpoint, Optional<PageLeft> pageLeft, Health health, Instant healthSince,
      Optional<Instant> lastNotificationAt) {

    static SyncState from(Row row) {
      Optional<String> token = Optional.ofNullable(row.getString("page_token"));
      return new SyncState(row.getUUID("seller_id"), instant(row, "checkpoint"),
          token.map(t -> new PageLeft(t, instant(row, "page_after").orElseThrow(), instant(row, "page_before").orElseThrow())),
          Health.parse(row.getString("notifications")), instant(row, "notifications_since").orElseThrow(),
          instant(row, "last_notification_at"));
    }
  }

  /** What the API shows of a seller's sync. */
  record SellerSync(UUID sellerId, String sellingPartnerId, Health health, Instant healthSince, Optional<Instant> lastNotificationAt,
      int missedChanges, Optional<Instant> checkpoint, Optional<Instant> lastPollAt, Instant nextPollAt, Optional<String> lastError) {}

  private final Pool pool;
  private final UUID instance = UUID.randomUUID();

  OrderSyncStore(Pool pool) {
    this.pool = pool;
  }

  /** The seller's poll is due now; a seller not polled yet is from now on. */
  Future<Void> dueNow(UUID sellerId) {
    return pool.preparedQuery("INSERT INTO order_sync (seller_id) VALUES ($1) ON CONFLICT (seller_id) DO UPDATE SET next_poll_at = now()")
        .execute(Tuple.of(sellerId)).mapEmpty();
  }

  Future<List<SyncState>> leaseDue(int limit, Duration lease) {
    String sql = "UPDATE order_sync o SET lease_owner = $1, lease_until = now() + $2 * interval '1 millisecond'"
        + " FROM (" + DUE.due("$3") + ") due WHERE o.seller_id = due.seller_id RETURNING o.*";
    return pool.preparedQuery(sql).execute(Tuple.of(instance, lease.toMillis(), limit)).map(rows -> {
      List<SyncState> due = new ArrayList<>();
      rows.forEach(row -> due.add(SyncState.from(row)));
      return due;
    });
  }

  /** Which of these orders have a fetch waiting (a notification announced them): polling finding them missed nothing. */
  Future<List<String>> announced(UUID sellerId, List<String> amazonOrderIds) {
    return pool.preparedQuery("SELECT amazon_order_id FROM order_fetches WHERE seller_id = $1 AND amazon_order_id = ANY($2)")
        .execute(Tuple.tuple().addUUID(sellerId).addArrayOfString(amazonOrderIds.toArray(String[]::new))).map(rows -> {
          List<String> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getString("amazon_order_id")));
          return ids;
        });
  }

  /** A round read its whole window: the checkpoint moves to the window's end. */
  Future<Void> finished(UUID sellerId, Instant checkpoint, Health health, boolean healthChanged, int missed, Instant nextPollAt) {
    return pool.preparedQuery("UPDATE order_sync SET checkpoint = $2, page_token = NULL, page_after = NULL, page_before = NULL,"
            + " notifications = $3, notifications_since = CASE WHEN $4 THEN now() ELSE notifications_since END, missed_changes = $5,"
            + " last_poll_at = now(), next_poll_at = $6, last_error = NULL, lease_owner = NULL, lease_until = NULL WHERE seller_id = $1")
        .execute(Tuple.of(sellerId, OrderStore.utc(checkpoint), health.value(), healthChanged, missed, OrderStore.utc(nextPollAt)))
        .mapEmpty();
  }

  /** A round's call budget ran out before the window's end: the next reads on from the page it stopped at. */
  Future<Void> paused(UUID sellerId, PageLeft left, Instant nextPollAt) {
    return pool.preparedQuery("UPDATE order_sync SET page_token = $2, page_after = $3, page_before = $4, last_poll_at = now(),"
            + " next_poll_at = $5, lease_owner = NULL, lease_until = NULL WHERE seller_id = $1")
        .execute(Tuple.of(sellerId, left.token(), OrderStore.utc(left.after()), OrderStore.utc(left.before()),
            OrderStore.utc(nextPollAt))).mapEmpty();
  }

  /** A round failed: it starts over from the checkpoint after {@code retryAfter}. */
  Future<Void> failed(UUID sellerId, String error, Instant nextPollAt) {
    return pool.preparedQuery("UPDATE order_sync SET page_token = NULL, page_after = NULL, page_before = NULL, last_error = $2,"
            + " last_poll_at = now(), next_poll_at = $3, lease_owner = NULL, lease_until = NULL WHERE seller_id = $1")
        .execute(Tuple.of(sellerId, error, OrderStore.utc(nextPollAt))).mapEmpty();
  }

  Future<Long> unhealthySellers() {
    return pool.query("SELECT count(*) FROM order_sync WHERE notifications = 'unhealthy'").execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** The tenant's sellers' syncs, or one seller's. */
  Future<List<SellerSync>> ofTenant(UUID tenantId, Optional<UUID> sellerId) {
    String sql = "SELECT o.*, s.selling_partner_id FROM order_sync o JOIN sellers s ON s.id = o.seller_id"
        + " WHERE s.tenant_id = $1 AND ($2::uuid IS NULL OR s.id = $2) ORDER BY s.created_at, s.id";
    return pool.preparedQuery(sql).execute(Tuple.of(tenantId, sellerId.orElse(null))).map(rows -> {
      List<SellerSync> syncs = new ArrayList<>();
      rows.forEach(row -> syncs.add(new SellerSync(row.getUUID("seller_id"), row.getString("selling_partner_id"),
          Health.parse(row.getString("notifications")), instant(row, "notifications_since").orElseThrow(),
          instant(row, "last_notification_at"), row.getInteger("missed_changes"), instant(row, "checkpoint"), instant(row, "last_poll_at"),
          instant(row, "next_poll_at").orElseThrow(), Optional.ofNullable(row.getString("last_error")))));
      return syncs;
    });
  }

  private static Optional<Instant> instant(Row row, String column) {
    return Optional.ofNullable(row.getOffsetDateTime(column)).map(OffsetDateTime::toInstant);
  }
}
