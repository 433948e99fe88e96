package io.spgate.orders;

import io.spgate.store.TurnsByTenant;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Orders to read again because a notification said they changed: one row per order however many notifications (ten
 * copies of one included) said so, taken by lease so that instances share them.
 */
final class OrderFetches {

  /** One order to read: the newest change time announced for it, and how often reading it failed so far. */
  record Fetch(UUID sellerId, String amazonOrderId, OffsetDateTime announcedAt, int attempts) {}

  private static final TurnsByTenant DUE = new TurnsByTenant("order_fetches", List.of("seller_id", "amazon_order_id"), "due_at",
      TurnsByTenant.dueAndFree("due_at", "now()"),
      " JOIN sellers s ON s.id = {t}.seller_id", "s.tenant_id");

  private final Pool pool;
  private final UUID instance = UUID.randomUUID();

  OrderFetches(Pool pool) {
    this.pool = pool;
  }

  /**
   * Asks, in the caller's transaction, that each of the sellers' order be read again, unless the stored state is
   * already as new as the change announced (a late or replayed notification costs no call).
   */
  Future<Integer> announce(SqlClient tx, List<UUID> sellerIds, String amazonOrderId, OffsetDateTime changedAt) {
    String sql = "INSERT INTO order_fetches (seller_id, amazon_order_id, announced_at) SELECT s, $2, $3 FROM unnest($1::uuid[]) s"
        + " WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.seller_id = s AND o.amazon_order_id = $2 AND o.amazon_updated_at >= $3)"
        + " ON CONFLICT (seller_id, amazon_order_id) DO UPDATE SET"
        + " announced_at = GREATEST(order_fetches.announced_at, EXCLUDED.announced_at), due_at = LEAST(order_fetches.due_at, now())";
    return tx.preparedQuery(sql).execute(Tuple.tuple().addArrayOfUUID(sellerIds.toArray(UUID[]::new)).addString(amazonOrderId)
        .addOffsetDateTime(changedAt)).map(rows -> rows.rowCount());
  }

  /** Up to {@code limit} due fetches, leased to this instance for {@code lease}. */
  Future<List<Fetch>> leaseDue(int limit, Duration lease) {
    String sql = "UPDATE order_fetches f SET lease_owner = $1, lease_until = now() + $2 * interval '1 millisecond'"
        + " FROM (" + DUE.due("$3") + ") due"
        + " WHERE f.seller_id = due.seller_id AND f.amazon_order_id = due.amazon_order_id"
        + " RETURNING f.seller_id, f.amazon_order_id, f.announced_at, f.attempts";
    return pool.preparedQuery(sql).execute(Tuple.of(instance, lease.toMillis(), limit)).map(rows -> {
      List<Fetch> due = new ArrayList<>();
      rows.forEach(row -> due.add(new Fetch(row.getUUID("seller_id"), row.getString("amazon_order_id"),
          row.getOffsetDateTime("announced_at"), row.getInteger("attempts"))));
      return due;
    });
  }

  /**
   * The order was read as new as announced: done, in the caller's transaction, unless a newer change was announced
   * meanwhile; then it is read again at once.
   */
  Future<Void> done(SqlClient tx, Fetch fetch) {
    return tx.preparedQuery("DELETE FROM order_fetches WHERE seller_id = $1 AND amazon_order_id = $2 AND announced_at <= $3")
        .execute(Tuple.of(fetch.sellerId(), fetch.amazonOrderId(), fetch.announcedAt()))
        .compose(deleted -> deleted.rowCount() == 1 ? Future.succeededFuture() : release(tx, fetch, Duration.ZERO, null, false));
  }

  /** Reading failed, or Amazon showed an older state than announced: again after {@code delay}. */
  Future<Void> retry(Fetch fetch, Duration delay, String error) {
    return release(pool, fetch, delay, error, true);
  }

  /** Gives up on a fetch (the seller is gone, the order unknown, too many tries): polling is the safety net. */
  Future<Void> drop(Fetch fetch) {
    return pool.preparedQuery("DELETE FROM order_fetches WHERE seller_id = $1 AND amazon_order_id = $2 AND announced_at <= $3")
        .execute(Tuple.of(fetch.sellerId(), fetch.amazonOrderId(), fetch.announcedAt())).mapEmpty();
  }

  private Future<Void> release(SqlClient client, Fetch fetch, Duration delay, String error, boolean failed) {
    return client.preparedQuery("UPDATE order_fetches SET lease_owner = NULL, lease_until = NULL,"
            + " due_at = now() + $3 * interval '1 millisecond', attempts = attempts + $4, last_error = COALESCE($5, last_error)"
            + " WHERE seller_id = $1 AND amazon_order_id = $2")
        .execute(Tuple.of(fetch.sellerId(), fetch.amazonOrderId(), delay.toMillis(), failed ? 1 : 0, error)).mapEmpty();
  }
}
