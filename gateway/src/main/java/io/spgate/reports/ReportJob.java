package io.spgate.reports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A report requested through spgate, and how far it got: Amazon's processing status, or FAILED when spgate could not go on. */
public record ReportJob(UUID id, UUID tenantId, UUID sellerId, Optional<UUID> scheduleId, ReportSpec spec, String status,
    Optional<String> amazonReportId, Optional<String> reportDocumentId, boolean reused, Optional<String> problemCode,
    Optional<String> problemDetail, Optional<Long> rowCount, int polls, Optional<OffsetDateTime> createRequestedAt,
    Optional<OffsetDateTime> amazonCreatedAt, OffsetDateTime nextStepAt, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  public static final String REQUESTED = "REQUESTED";
  public static final String IN_QUEUE = "IN_QUEUE";
  public static final String IN_PROGRESS = "IN_PROGRESS";
  public static final String DONE = "DONE";
  public static final String CANCELLED = "CANCELLED";
  public static final String FATAL = "FATAL";
  public static final String FAILED = "FAILED";
  /** The statuses a job can still leave: spgate keeps working on it. */
  public static final Set<String> OPEN = Set.of(REQUESTED, IN_QUEUE, IN_PROGRESS);
  public static final Set<String> ALL = Set.of(REQUESTED, IN_QUEUE, IN_PROGRESS, DONE, CANCELLED, FATAL, FAILED);

  static final String COLUMNS = "id, tenant_id, seller_id, schedule_id, report_type, marketplaces, data_start_time, data_end_time, "
      + "report_options, status, amazon_report_id, report_document_id, reused, problem_code, problem_detail, row_count, polls, "
      + "create_requested_at, amazon_created_at, next_step_at, created_at, updated_at";

  static ReportJob from(Row row) {
    ReportSpec spec = new ReportSpec(row.getString("report_type"), List.of(row.getArrayOfStrings("marketplaces")),
        Optional.ofNullable(row.getOffsetDateTime("data_start_time")), Optional.ofNullable(row.getOffsetDateTime("data_end_time")),
        (JsonObject) row.getJson("report_options"));
    return new ReportJob(row.getUUID("id"), row.getUUID("tenant_id"), row.getUUID("seller_id"), Optional.ofNullable(row.getUUID("schedule_id")),
        spec, row.getString("status"), Optional.ofNullable(row.getString("amazon_report_id")),
        Optional.ofNullable(row.getString("report_document_id")), row.getBoolean("reused"), Optional.ofNullable(row.getString("problem_code")),
        Optional.ofNullable(row.getString("problem_detail")), Optional.ofNullable(row.getLong("row_count")), row.getInteger("polls"),
        Optional.ofNullable(row.getOffsetDateTime("create_requested_at")), Optional.ofNullable(row.getOffsetDateTime("amazon_created_at")),
        row.getOffsetDateTime("next_step_at"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
  }

  public boolean open() {
    return OPEN.contains(status);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id.toString())
        .put("sellerId", sellerId.toString())
        .put("reportType", spec.reportType())
        .put("marketplaceIds", new JsonArray(spec.marketplaceIds()))
        .put("dataStartTime", spec.dataStartTime().map(OffsetDateTime::toString).orElse(null))
        .put("dataEndTime", spec.dataEndTime().map(OffsetDateTime::toString).orElse(null))
        .put("reportOptions", spec.reportOptions())
        .put("status", status)
        .put("reportId", amazonReportId.orElse(null))
        .put("reportDocumentId", reportDocumentId.orElse(null))
        .put("reused", reused)
        .put("polls", polls)
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString());
    scheduleId.ifPresent(s -> json.put("scheduleId", s.toString()));
    rowCount.ifPresent(r -> json.put("rowCount", r));
    if (open()) {
      json.put("nextCheckAt", nextStepAt.toString());
    }
    problemCode.ifPresent(code -> json.put("problem", new JsonObject().put("code", code).put("detail", problemDetail.orElse(""))));
    return json;
  }
}
