package io.spgate.reports;

import io.spgate.events.EventTypes;
import io.spgate.events.NewEvent;
import io.spgate.events.Outbox;
import io.spgate.store.TurnsByTenant;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Report jobs in Postgres ({@code report_jobs}); every read a tenant makes names the tenant. */
final class ReportJobStore {

  private static final TurnsByTenant DUE = new TurnsByTenant("report_jobs", List.of("id"), "next_step_at",
      "{t}.status IN ('REQUESTED', 'IN_QUEUE', 'IN_PROGRESS') AND " + TurnsByTenant.dueAndFree("next_step_at", "now()"), "",
      "{t}.tenant_id");

  /** What a tenant may filter its jobs by. */
  record Filter(Optional<UUID> sellerId, Optional<String> reportType, Optional<String> status, Optional<UUID> scheduleId) {}

  private final Pool pool;
  private final Outbox outbox = new Outbox();

  ReportJobStore(Pool pool) {
    this.pool = pool;
  }

  Future<ReportJob> create(UUID tenantId, UUID sellerId, Optional<UUID> scheduleId, ReportSpec spec) {
    return pool.preparedQuery("INSERT INTO report_jobs (id, tenant_id, seller_id, schedule_id, report_type, marketplaces, "
            + "data_start_time, data_end_time, report_options, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'REQUESTED') "
            + "RETURNING " + ReportJob.COLUMNS)
        .execute(Tuple.from(new Object[] {UUID.randomUUID(), tenantId, sellerId, scheduleId.orElse(null), spec.reportType(),
            spec.marketplaceIds().toArray(String[]::new), spec.dataStartTime().orElse(null), spec.dataEndTime().orElse(null),
            spec.reportOptions()}))
        .map(rows -> ReportJob.from(rows.iterator().next()));
  }

  /** A job that reuses a report Amazon has DONE already: done from the start, and its tenant told so. */
  Future<ReportJob> createReused(UUID tenantId, UUID sellerId, ReportSpec spec, String reportId, String documentId) {
    return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO report_jobs (id, tenant_id, seller_id, report_type, marketplaces, "
            + "data_start_time, data_end_time, report_options, status, amazon_report_id, report_document_id, reused) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'DONE', $9, $10, true) RETURNING " + ReportJob.COLUMNS)
        .execute(Tuple.from(new Object[] {UUID.randomUUID(), tenantId, sellerId, spec.reportType(),
            spec.marketplaceIds().toArray(String[]::new), spec.dataStartTime().orElse(null), spec.dataEndTime().orElse(null),
            spec.reportOptions(), reportId, documentId}))
        .map(rows -> ReportJob.from(rows.iterator().next()))
        .compose(job -> outbox.append(tx, List.of(ready(job.id(), job.tenantId(), sellerId, spec.reportType(), reportId))).map(job)));
  }

  Future<Optional<ReportJob>> get(UUID tenantId, UUID jobId) {
    return pool.preparedQuery("SELECT " + ReportJob.COLUMNS + " FROM report_jobs WHERE id = $1 AND tenant_id = $2")
        .execute(Tuple.of(jobId, tenantId))
        .map(ReportJobStore::first);
  }

  /** A page of a tenant's jobs, newest first, after the job {@code after}. */
  Future<List<ReportJob>> list(UUID tenantId, Filter filter, Optional<UUID> after, int limit) {
    return pool.preparedQuery("SELECT " + ReportJob.COLUMNS + " FROM report_jobs WHERE tenant_id = $1"
            + " AND ($2::uuid IS NULL OR seller_id = $2) AND ($3::text IS NULL OR report_type = $3)"
            + " AND ($4::text IS NULL OR status = $4) AND ($5::uuid IS NULL OR schedule_id = $5)"
            + " AND ($6::uuid IS NULL OR (created_at, id) < (SELECT created_at, id FROM report_jobs WHERE id = $6))"
            + " ORDER BY created_at DESC, id DESC LIMIT $7")
        .execute(Tuple.from(new Object[] {tenantId, filter.sellerId().orElse(null), filter.reportType().orElse(null),
            filter.status().orElse(null), filter.scheduleId().orElse(null), after.orElse(null), limit}))
        .map(ReportJobStore::all);
  }

  /** The seller's latest job of the type requested from Amazon since {@code since} that did not fail on spgate's side. */
  Future<Optional<ReportJob>> latestRequested(UUID sellerId, String reportType, OffsetDateTime since) {
    return pool.preparedQuery("SELECT " + ReportJob.COLUMNS + " FROM report_jobs WHERE seller_id = $1 AND report_type = $2"
            + " AND created_at >= $3 AND reused = false AND status NOT IN ('FAILED') ORDER BY created_at DESC LIMIT 1")
        .execute(Tuple.of(sellerId, reportType, since))
        .map(ReportJobStore::first);
  }

  /** A DONE job of the same seller and specification created since {@code since}, newest first: one to reuse. */
  Future<Optional<ReportJob>> doneLike(UUID sellerId, ReportSpec spec, boolean datesIgnored, OffsetDateTime since) {
    return pool.preparedQuery("SELECT " + ReportJob.COLUMNS + " FROM report_jobs WHERE seller_id = $1 AND report_type = $2"
            + " AND marketplaces = $3 AND report_options = $4 AND status = 'DONE' AND created_at >= $5"
            + " AND ($6 OR (data_start_time IS NOT DISTINCT FROM $7 AND data_end_time IS NOT DISTINCT FROM $8))"
            + " ORDER BY created_at DESC LIMIT 1")
        .execute(Tuple.from(new Object[] {sellerId, spec.reportType(), spec.marketplaceIds().toArray(String[]::new), spec.reportOptions(),
            since, datesIgnored, spec.dataStartTime().orElse(null), spec.dataEndTime().orElse(null)}))
        .map(ReportJobStore::first);
  }

  /**
   * Takes up to {@code limit} open jobs whose next step is due, for {@code lease}: another instance
   * skips them until the lease runs out or {@link #step} lets them go.
   */
  Future<List<ReportJob>> leaseDue(int limit, Duration lease) {
    return pool.preparedQuery("UPDATE report_jobs SET lease_until = now() + $2 * interval '1 millisecond' WHERE id IN ("
            + DUE.due("$1") + ") RETURNING " + ReportJob.COLUMNS)
        .execute(Tuple.of(limit, lease.toMillis()))
        .map(ReportJobStore::all);
  }

  /** Those of Amazon's report ids that a job holds already. */
  Future<Set<String>> adopted(List<String> reportIds) {
    return pool.preparedQuery("SELECT amazon_report_id FROM report_jobs WHERE amazon_report_id = ANY ($1)")
        .execute(Tuple.of(reportIds.toArray(String[]::new)))
        .map(rows -> {
          Set<String> held = new HashSet<>();
          rows.forEach(row -> held.add(row.getString(0)));
          return held;
        });
  }

  /**
   * Says, before createReport is sent, that it is: a job found later with it but no report id looks
   * for that report first. False when the job was cancelled meanwhile: then nothing is sent.
   */
  Future<Boolean> creating(UUID jobId) {
    return pool.preparedQuery("UPDATE report_jobs SET create_requested_at = now(), updated_at = now() WHERE id = $1 AND status = 'REQUESTED'")
        .execute(Tuple.of(jobId)).map(rows -> rows.rowCount() == 1);
  }

  /** What one step learnt; the job is let go until {@code nextStep} (ignored once it is closed). */
  record Step(String status, Optional<String> reportId, Optional<String> documentId, Optional<OffsetDateTime> amazonCreatedAt,
      Optional<String> problemCode, Optional<String> problemDetail, Duration nextStep, boolean polled) {}

  /** Records a step; a job that became DONE tells its tenant ({@code report.ready}) in the same transaction. */
  Future<Void> step(UUID jobId, Step step) {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE report_jobs SET status = $2,"
            + " amazon_report_id = coalesce($3, amazon_report_id),"
            + " report_document_id = coalesce($4, report_document_id), amazon_created_at = coalesce($5, amazon_created_at),"
            + " problem_code = $6, problem_detail = $7, next_step_at = now() + $8 * interval '1 millisecond',"
            + " polls = polls + CASE WHEN $9 THEN 1 ELSE 0 END, lease_until = NULL, updated_at = now()"
            // A closed job stays closed: a step that raced a cancellation changes nothing.
            + " WHERE id = $1 AND status IN ('REQUESTED', 'IN_QUEUE', 'IN_PROGRESS') RETURNING id, tenant_id, seller_id, report_type,"
            + " status, amazon_report_id")
        .execute(Tuple.from(new Object[] {jobId, step.status(), step.reportId().orElse(null), step.documentId().orElse(null),
            step.amazonCreatedAt().orElse(null), step.problemCode().orElse(null), step.problemDetail().orElse(null),
            step.nextStep().toMillis(), step.polled()}))
        .compose(rows -> {
          List<NewEvent> ready = new ArrayList<>();
          for (Row job : rows) {
            if (ReportJob.DONE.equals(job.getString("status"))) {
              ready.add(ready(job.getUUID("id"), job.getUUID("tenant_id"), job.getUUID("seller_id"), job.getString("report_type"),
                  job.getString("amazon_report_id")));
            }
          }
          return outbox.append(tx, ready);
        }));
  }

  private static NewEvent ready(UUID jobId, UUID tenantId, UUID sellerId, String reportType, String amazonReportId) {
    return new NewEvent(tenantId, EventTypes.REPORT_READY, "report", jobId.toString(), new JsonObject().put("jobId", jobId.toString())
        .put("sellerId", sellerId.toString()).put("reportType", reportType).put("amazonReportId", amazonReportId));
  }

  Future<Void> rowCount(UUID jobId, long rows) {
    return pool.preparedQuery("UPDATE report_jobs SET row_count = $2 WHERE id = $1").execute(Tuple.of(jobId, rows)).mapEmpty();
  }

  private static Optional<ReportJob> first(RowSet<Row> rows) {
    return rows.iterator().hasNext() ? Optional.of(ReportJob.from(rows.iterator().next())) : Optional.empty();
  }

  private static List<ReportJob> all(RowSet<Row> rows) {
    List<ReportJob> jobs = new ArrayList<>();
    rows.forEach(row -> jobs.add(ReportJob.from(row)));
    return jobs;
  }
}
