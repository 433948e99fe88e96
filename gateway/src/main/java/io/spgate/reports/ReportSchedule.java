package io.spgate.reports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A report spgate requests for a seller every period, keeping the latest DONE one at hand. */
record ReportSchedule(UUID id, UUID tenantId, UUID sellerId, String reportType, List<String> marketplaceIds, JsonObject reportOptions,
    Duration period, OffsetDateTime nextRunAt, Optional<UUID> lastJobId, OffsetDateTime createdAt) {

  static final String COLUMNS = "id, tenant_id, seller_id, report_type, marketplaces, report_options, period_seconds, next_run_at, "
      + "last_job_id, created_at";

  static ReportSchedule from(Row row) {
    return new ReportSchedule(row.getUUID("id"), row.getUUID("tenant_id"), row.getUUID("seller_id"), row.getString("report_type"),
        List.of(row.getArrayOfStrings("marketplaces")), (JsonObject) row.getJson("report_options"),
        Duration.ofSeconds(row.getLong("period_seconds")), row.getOffsetDateTime("next_run_at"),
        Optional.ofNullable(row.getUUID("last_job_id")), row.getOffsetDateTime("created_at"));
  }

  /** The report a run at {@code at} asks for: the period just ended, for types whose range counts. */
  ReportSpec specAt(OffsetDateTime at, boolean datesIgnored) {
    return new ReportSpec(reportType, marketplaceIds, datesIgnored ? Optional.empty() : Optional.of(at.minus(period)),
        datesIgnored ? Optional.empty() : Optional.of(at), reportOptions);
  }

  JsonObject toJson(Optional<ReportJob> latestDone) {
    return new JsonObject()
        .put("id", id.toString())
        .put("sellerId", sellerId.toString())
        .put("reportType", reportType)
        .put("marketplaceIds", new JsonArray(marketplaceIds))
        .put("reportOptions", reportOptions)
        .put("period", period.toString())
        .put("nextRunAt", nextRunAt.toString())
        .put("lastJobId", lastJobId.map(UUID::toString).orElse(null))
        .put("latestDone", latestDone.map(ReportJob::toJson).orElse(null))
        .put("createdAt", createdAt.toString());
  }
}
