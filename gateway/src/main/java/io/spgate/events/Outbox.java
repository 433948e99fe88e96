package io.spgate.events;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Appends events in the caller's transaction, with the webhook deliveries each one owes, so a change
 * and the news of it commit or roll back together and a crash between them loses nothing.
 *
 * <p>A tenant's appends are serialized from the moment their ids are drawn until the transaction
 * ends (a transaction-scoped advisory lock per tenant): a tenant's event ids therefore increase in
 * commit order, and a reader that has seen id n will never later find a smaller id committed. The
 * price is that two transactions appending events of one tenant wait for each other at the append,
 * so append late in the transaction.
 */
public final class Outbox {

  /** The advisory lock class of event appends (two-int form); Migrations' single bigint key does not collide with it. */
  static final int LOCK_CLASS = 0x45564e54;

  static final String INSERT = """
      WITH added AS (
        INSERT INTO events (tenant_id, type, resource_type, resource_id, data)
        SELECT t, ty, rt, ri, d::jsonb FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
          WITH ORDINALITY AS n (t, ty, rt, ri, d, position) ORDER BY position
        RETURNING id, tenant_id, type, resource_type, resource_id)
      INSERT INTO webhook_deliveries (endpoint_id, event_id, resource_type, resource_id)
      SELECT e.id, a.id, a.resource_type, a.resource_id FROM added a JOIN webhook_endpoints e ON e.tenant_id = a.tenant_id
      WHERE e.enabled AND (a.type = ANY (e.event_types) OR ('*' = ANY (e.event_types) AND a.type <> 'test'))""";

  static final String INSERT_FOR_ONE = """
      WITH added AS (
        INSERT INTO events (tenant_id, type, resource_type, resource_id, data) VALUES ($1, $2, $3, $4, $5)
        RETURNING id, resource_type, resource_id),
      owed AS (
        INSERT INTO webhook_deliveries (endpoint_id, event_id, resource_type, resource_id)
        SELECT $6, id, resource_type, resource_id FROM added)
      SELECT id FROM added""";

  public Outbox() {}

  /**
   * Appends in the caller's transaction (tx is its SqlConnection/SqlClient, inside a transaction:
   * outside one the lock would end with its statement); ids increase in commit order per tenant,
   * and within one call in the order of the list.
   */
  public Future<Void> append(SqlClient tx, List<NewEvent> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    // Locked in one order by every caller, so two transactions appending for the same tenants cannot deadlock.
    List<Integer> keys = events.stream().map(e -> lockKey(e.tenantId())).distinct().sorted(Comparator.naturalOrder()).toList();
    return lock(tx, keys).compose(v -> tx.preparedQuery(INSERT).execute(Tuple.of(
        events.stream().map(NewEvent::tenantId).toArray(UUID[]::new),
        events.stream().map(NewEvent::type).toArray(String[]::new),
        events.stream().map(NewEvent::resourceType).toArray(String[]::new),
        events.stream().map(NewEvent::resourceId).toArray(String[]::new),
        events.stream().map(e -> e.data().encode()).toArray(String[]::new))))
        .mapEmpty();
  }

  /**
   * Appends one event meant for one endpoint of its tenant only (a test event): it is in the tenant's
   * stream like any other, but owed to that endpoint alone, whatever the endpoints subscribe to.
   *
   * @return the event's id
   */
  public Future<Long> appendFor(SqlClient tx, NewEvent event, UUID endpointId) {
    return lock(tx, List.of(lockKey(event.tenantId())))
        .compose(v -> tx.preparedQuery(INSERT_FOR_ONE).execute(Tuple.from(new Object[] {event.tenantId(), event.type(),
            event.resourceType(), event.resourceId(), event.data(), endpointId})))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private static Future<Void> lock(SqlClient tx, List<Integer> keys) {
    Future<Void> locked = Future.succeededFuture();
    for (int key : keys) {
      locked = locked.compose(v -> tx.preparedQuery("SELECT pg_advisory_xact_lock($1, $2)").execute(Tuple.of(LOCK_CLASS, key))
          .mapEmpty());
    }
    return locked;
  }

  /** Tenants whose keys collide merely share a lock: correct, just less concurrent. */
  static int lockKey(UUID tenantId) {
    return (int) (tenantId.getLeastSignificantBits() ^ tenantId.getMostSignificantBits());
  }
}
