package io.spgate.orders;

import io.spgate.seller.Seller;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Orders in Postgres, one row per seller and Amazon order id. */
final class OrderStore {

  /** What storing a state Amazon showed did. */
  enum Change {
    /** The order was new. */
    CREATED,
    /** A newer state with other content. */
    CHANGED,
    /** A newer state with the same content (Amazon stamped it again): only the time is kept. */
    RESTAMPED,
    /** Not newer than the stored state (late, replayed or read twice): nothing written. */
    STALE;

    boolean raisesEvent() {
      return this == CREATED || this == CHANGED;
    }
  }

  /** What was stored, and the status the order had before (none when it was new or nothing changed). */
  record Stored(Change change, Optional<Order> order, Optional<String> previousStatus) {}

  private final Pool pool;

  OrderStore(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  /** Stores the state in the caller's transaction unless the stored one is as new; the order row stays locked till it ends. */
  Future<Stored> upsert(SqlClient tx, Seller seller, AmazonOrder order) {
    byte[] sha = order.contentSha256();
    String insert = "INSERT INTO orders (seller_id, amazon_order_id, marketplace_id, status, fulfillment, purchased_at, amazon_updated_at,"
        + " ship_by, currency, total, items, content_sha256, id, tenant_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,"
        + " $13, $14) ON CONFLICT (seller_id, amazon_order_id) DO NOTHING RETURNING " + Order.COLUMNS;
    Tuple values = state(seller, order, sha).addUUID(UUID.randomUUID()).addUUID(seller.tenantId());
    return tx.preparedQuery(insert).execute(values).compose(inserted -> {
      if (inserted.rowCount() == 1) {
        return Future.succeededFuture(new Stored(Change.CREATED, Optional.of(Order.from(inserted.iterator().next())),
            Optional.empty()));
      }
      return tx.preparedQuery("SELECT amazon_updated_at, content_sha256, status FROM orders WHERE seller_id = $1 AND amazon_order_id = $2"
              + " FOR UPDATE").execute(Tuple.of(seller.id(), order.amazonOrderId()))
          .compose(rows -> {
            Row stored = rows.iterator().next();
            if (!stored.getOffsetDateTime("amazon_updated_at").toInstant().isBefore(order.lastUpdatedAt())) {
              return Future.succeededFuture(new Stored(Change.STALE, Optional.empty(), Optional.empty()));
            }
            if (Arrays.equals(stored.getBuffer("content_sha256").getBytes(), sha)) {
              return tx.preparedQuery("UPDATE orders SET amazon_updated_at = $3 WHERE seller_id = $1 AND amazon_order_id = $2")
                  .execute(Tuple.of(seller.id(), order.amazonOrderId(), utc(order.lastUpdatedAt())))
                  .map(new Stored(Change.RESTAMPED, Optional.empty(), Optional.empty()));
            }
            String update = "UPDATE orders SET marketplace_id = $3, status = $4, fulfillment = $5, purchased_at = $6,"
                + " amazon_updated_at = $7, ship_by = $8, currency = $9, total = $10, items = $11, content_sha256 = $12,"
                + " version = version + 1, updated_at = now() WHERE seller_id = $1 AND amazon_order_id = $2 RETURNING " + Order.COLUMNS;
            return tx.preparedQuery(update).execute(state(seller, order, sha))
                .map(updated -> new Stored(Change.CHANGED, Optional.of(Order.from(updated.iterator().next())),
                    Optional.of(stored.getString("status"))));
          });
    });
  }

  /** The columns of an order's state, seller and Amazon order id first. */
  private static Tuple state(Seller seller, AmazonOrder order, byte[] sha) {
    return Tuple.tuple().addUUID(seller.id()).addString(order.amazonOrderId()).addString(order.marketplaceId().orElse(null))
        .addString(order.status().value()).addString(order.fulfillment()).addOffsetDateTime(utc(order.purchasedAt()))
        .addOffsetDateTime(utc(order.lastUpdatedAt())).addOffsetDateTime(order.shipBy().map(OrderStore::utc).orElse(null))
        .addString(order.currency().orElse(null)).addBigDecimal(order.total().orElse(null)).addValue(order.itemsJson())
        .addBuffer(Buffer.buffer(sha));
  }

  /** When the stored state of each order was stamped by Amazon; absent for orders not stored. */
  Future<java.util.Map<String, OffsetDateTime>> stamps(UUID sellerId, List<String> amazonOrderIds) {
    return pool.preparedQuery("SELECT amazon_order_id, amazon_updated_at FROM orders WHERE seller_id = $1 AND amazon_order_id = ANY($2)")
        .execute(Tuple.of(sellerId, amazonOrderIds.toArray(String[]::new))).map(rows -> {
          java.util.Map<String, OffsetDateTime> stamps = new java.util.HashMap<>();
          rows.forEach(row -> stamps.put(row.getString("amazon_order_id"), row.getOffsetDateTime("amazon_updated_at")));
          return stamps;
        });
  }

  Future<Optional<Order>> get(UUID tenantId, UUID id) {
    return pool.preparedQuery("SELECT " + Order.COLUMNS + " FROM orders WHERE id = $1 AND tenant_id = $2").execute(Tuple.of(id, tenantId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Order.from(rows.iterator().next())));
  }

  /** Filters of a listing; the cursor is the (updated_at, id) of the last order of the page before. */
  record Filter(Optional<UUID> sellerId, Optional<String> marketplaceId, Optional<String> status, Optional<OffsetDateTime> updatedAfter) {}

  record Position(OffsetDateTime updatedAt, UUID id) {}

  /** The tenant's orders by the time spgate last changed them, oldest first: a client reads on from where it stopped. */
  Future<List<Order>> list(UUID tenantId, Filter filter, Optional<Position> after, int limit) {
    String sql = "SELECT " + Order.COLUMNS + " FROM orders WHERE tenant_id = $1"
        + " AND ($2::uuid IS NULL OR seller_id = $2) AND ($3::text IS NULL OR marketplace_id = $3) AND ($4::text IS NULL OR status = $4)"
        + " AND ($5::timestamptz IS NULL OR updated_at > $5)"
        + " AND ($6::timestamptz IS NULL OR (updated_at, id) > ($6, $7::uuid))"
        + " ORDER BY updated_at, id LIMIT $8";
    Tuple params = Tuple.tuple().addUUID(tenantId).addUUID(filter.sellerId().orElse(null)).addString(filter.marketplaceId().orElse(null))
        .addString(filter.status().orElse(null)).addOffsetDateTime(filter.updatedAfter().orElse(null))
        .addOffsetDateTime(after.map(Position::updatedAt).orElse(null)).addUUID(after.map(Position::id).orElse(null)).addInteger(limit);
    return pool.preparedQuery(sql).execute(params).map(rows -> {
      List<Order> orders = new ArrayList<>();
      rows.forEach(row -> orders.add(Order.from(row)));
      return orders;
    });
  }

  static OffsetDateTime utc(java.time.Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
