package io.spgate.overview;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Every instance's ended activity slots in Postgres ({@code activity_slots}), one row per tenant,
 * slot and instance, so the overview adds up what all instances saw without a metrics server.
 * Kept for {@link #KEPT_HOURS} hours, more than the hour the console shows.
 */
final class ActivityStore {

  static final int KEPT_HOURS = 2;

  private final Pool pool;
  private final UUID instanceId;

  ActivityStore(Pool pool, UUID instanceId) {
    this.pool = pool;
    this.instanceId = instanceId;
  }

  /** Adds the slots to what this instance wrote of them before (a retried write may find some already there). */
  Future<Void> write(List<SlotCounts> slots) {
    if (slots.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = slots.stream().map(s -> Tuple.of(s.tenantId(), OffsetDateTime.ofInstant(s.start(), ZoneOffset.UTC), instanceId,
        s.calls(), s.throttles(), s.tokenFailures(), Arrays.stream(s.waits()).boxed().toArray(Long[]::new))).toList();
    return pool.preparedQuery("INSERT INTO activity_slots (tenant_id, slot_start, instance_id, calls, throttles, token_failures, waits)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant_id, slot_start, instance_id) DO UPDATE SET"
            + " calls = activity_slots.calls + EXCLUDED.calls, throttles = activity_slots.throttles + EXCLUDED.throttles,"
            + " token_failures = activity_slots.token_failures + EXCLUDED.token_failures,"
            + " waits = (SELECT array_agg(coalesce(o, 0) + coalesce(n, 0) ORDER BY i)"
            + "   FROM unnest(activity_slots.waits, EXCLUDED.waits) WITH ORDINALITY AS w(o, n, i))")
        .executeBatch(rows)
        .mapEmpty();
  }

  /** The tenant's slots since {@code from}, of every instance (several rows for a slot when several instances served it). */
  Future<List<SlotCounts>> since(UUID tenantId, Instant from) {
    return pool.preparedQuery("SELECT slot_start, calls, throttles, token_failures, waits FROM activity_slots WHERE tenant_id = $1 AND slot_start >= $2")
        .execute(Tuple.of(tenantId, OffsetDateTime.ofInstant(from, ZoneOffset.UTC)))
        .map(rows -> {
          List<SlotCounts> slots = new ArrayList<>();
          for (Row row : rows) {
            long[] waits = Arrays.stream(row.getArrayOfLongs("waits")).mapToLong(Long::longValue).toArray();
            slots.add(new SlotCounts(tenantId, row.getOffsetDateTime("slot_start").toInstant(), row.getLong("calls"),
                row.getLong("throttles"), row.getLong("token_failures"), waits));
          }
          return slots;
        });
  }

  /** Forgets slots older than what the console shows, with margin. */
  Future<Integer> purge(Instant now) {
    return pool.preparedQuery("DELETE FROM activity_slots WHERE slot_start < $1")
        .execute(Tuple.of(OffsetDateTime.ofInstant(now.minusSeconds(KEPT_HOURS * 3600L), ZoneOffset.UTC)))
        .map(rows -> rows.rowCount());
  }
}
