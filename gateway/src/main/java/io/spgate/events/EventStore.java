package io.spgate.events;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads a tenant's event stream in id order, which is its commit order (see {@link Outbox}). */
final class EventStore {

  private final Pool pool;

  EventStore(Pool pool) {
    this.pool = pool;
  }

  /** Up to {@code limit} events of the tenant after {@code afterId}, oldest first, of the given types when there are any. */
  Future<List<Event>> after(UUID tenantId, long afterId, Optional<List<String>> types, int limit) {
    return pool.preparedQuery("SELECT " + Event.COLUMNS + " FROM events WHERE tenant_id = $1 AND id > $2"
            + " AND ($3::text[] IS NULL OR type = ANY ($3)) ORDER BY id LIMIT $4")
        .execute(Tuple.of(tenantId, afterId, types.map(t -> t.toArray(String[]::new)).orElse(null), limit))
        .map(rows -> {
          List<Event> events = new ArrayList<>();
          rows.forEach(row -> events.add(Event.from(row)));
          return events;
        });
  }
}
