package io.spgate.reports;

import io.spgate.store.TurnsByTenant;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Report schedules in Postgres ({@code report_schedules}), leased for each run like jobs are. */
final class ReportScheduleStore {

  private static final TurnsByTenant DUE = new TurnsByTenant("report_schedules", List.of("id"), "next_run_at",
      TurnsByTenant.dueAndFree("next_run_at", "now()"), "", "{t}.tenant_id");

  private final Pool pool;

  ReportScheduleStore(Pool pool) {
    this.pool = pool;
  }

  /** A new schedule, first run now. */
  Future<ReportSchedule> create(UUID tenantId, UUID sellerId, ReportSpec spec, Duration period) {
    return pool.preparedQuery("INSERT INTO report_schedules (id, tenant_id, seller_id, report_type, marketplaces, report_options, "
            + "period_seconds, next_run_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now()) RETURNING " + ReportSchedule.COLUMNS)
        .execute(Tuple.from(new Object[] {UUID.randomUUID(), tenantId, sellerId, spec.reportType(),
            spec.marketplaceIds().toArray(String[]::new), spec.reportOptions(), period.toSeconds()}))
        .map(rows -> ReportSchedule.from(rows.iterator().next()));
  }

  Future<Optional<ReportSchedule>> get(UUID tenantId, UUID id) {
    return pool.preparedQuery("SELECT " + ReportSchedule.COLUMNS + " FROM report_schedules WHERE id = $1 AND tenant_id = $2")
        .execute(Tuple.of(id, tenantId))
        .map(rows -> all(rows).stream().findFirst());
  }

  Future<List<ReportSchedule>> list(UUID tenantId, Optional<UUID> sellerId, Optional<UUID> after, int limit) {
    return pool.preparedQuery("SELECT " + ReportSchedule.COLUMNS + " FROM report_schedules WHERE tenant_id = $1"
            + " AND ($2::uuid IS NULL OR seller_id = $2)"
            + " AND ($3::uuid IS NULL OR (created_at, id) > (SELECT created_at, id FROM report_schedules WHERE id = $3))"
            + " ORDER BY created_at, id LIMIT $4")
        .execute(Tuple.of(tenantId, sellerId.orElse(null), after.orElse(null), limit))
        .map(ReportScheduleStore::all);
  }

  Future<Boolean> delete(UUID tenantId, UUID id) {
    return pool.preparedQuery("DELETE FROM report_schedules WHERE id = $1 AND tenant_id = $2")
        .execute(Tuple.of(id, tenantId))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Schedules whose run is due, leased so that one instance runs each. */
  Future<List<ReportSchedule>> leaseDue(int limit, Duration lease) {
    return pool.preparedQuery("UPDATE report_schedules SET lease_until = now() + $2 * interval '1 millisecond' WHERE id IN ("
            + DUE.due("$1") + ") RETURNING " + ReportSchedule.COLUMNS)
        .execute(Tuple.of(limit, lease.toMillis()))
        .map(ReportScheduleStore::all);
  }

  /** The run made {@code jobId} (none when it could not); the next is {@code next}. */
  Future<Void> ran(UUID id, Optional<UUID> jobId, OffsetDateTime next) {
    return pool.preparedQuery("UPDATE report_schedules SET last_job_id = coalesce($2, last_job_id), next_run_at = $3, lease_until = NULL"
            + " WHERE id = $1")
        .execute(Tuple.of(id, jobId.orElse(null), next))
        .mapEmpty();
  }

  private static List<ReportSchedule> all(RowSet<Row> rows) {
    List<ReportSchedule> schedules = new ArrayList<>();
    rows.forEach(row -> schedules.add(ReportSchedule.from(row)));
    return schedules;
  }
}
