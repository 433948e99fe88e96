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

  /** Which events of the stream: of some types, of a kind of resource, of one resource (each when present). */
  record Filter(Optional<List<String>> types, Optional<String> resourceType, Optional<String> resourceId) {}

  /** Up to {@code limit} events of the tenant after {@code afterId}, oldest first, that pass the filter. */
  Future<List<Event>> after(UUID tenantId, long afterId, Filter filter, int limit) {
    return pool.preparedQuery("SELECT " + Event.COLUMNS + " FROM events WHERE tenant_id = $1 AND id > $2"
            + " AND ($3::text[] IS NULL OR type = ANY ($3)) AND ($4::text IS NULL OR resource_type = $4)"
            + " AND ($5::text IS NULL OR resource_id = $5) ORDER BY id LIMIT $6")
        .execute(Tuple.of(tenantId, afterId, filter.types().map(t -> t.toArray(String[]::new)).orElse(null),
            filter.resourceType().orElse(null), filter.resourceId().orElse(null), limit))
        .map(rows -> {
          List<Event> events = new ArrayList<>();
          rows.forEach(row -> events.add(Event.from(row)));
          return events;
        });
  }
}
