package io.spgate.fanout;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** An update job as its tenant sees it: where each of its items is, and how far along it is. */
record UpdateJob(UUID id, String status, OffsetDateTime createdAt, OffsetDateTime updatedAt, Optional<OffsetDateTime> finishedAt,
    int total, int rejectedAtIntake, Map<String, Long> counts, Optional<OffsetDateTime> estimatedCompletionAt) {

  static final String COLUMNS = "id, status, created_at, updated_at, finished_at, total, rejected_at_intake, estimated_completion_at";

  static UpdateJob from(Row row, Map<String, Long> counts) {
    return new UpdateJob(row.getUUID("id"), row.getString("status"), row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"), Optional.ofNullable(row.getOffsetDateTime("finished_at")), row.getInteger("total"),
        row.getInteger("rejected_at_intake"), counts, Optional.ofNullable(row.getOffsetDateTime("estimated_completion_at")));
  }

  /**
   * Whether the job has ended, by its own record: its items can all be at their outcomes a moment (up to the 2 s sweep)
   * before the job says done, and a client told it ended must see it done.
   */
  boolean finished() {
    return finishedAt.isPresent();
  }

  long count(String status) {
    return counts.getOrDefault(status, 0L);
  }

  JsonObject toJson() {
    JsonObject byStatus = new JsonObject();
    for (String status : ItemStatus.ALL) {
      byStatus.put(status, count(status));
    }
    long open = count(ItemStatus.PENDING) + count(ItemStatus.SENT);
    return new JsonObject().put("id", id.toString()).put("status", status).put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString()).put("finishedAt", finishedAt.map(OffsetDateTime::toString).orElse(null))
        .put("total", total).put("rejectedAtIntake", rejectedAtIntake).put("counts", byStatus)
        .put("progress", total == 0 ? 1.0 : (double) (total - open) / total)
        .put("estimatedCompletionAt", open == 0 ? null : estimatedCompletionAt.map(OffsetDateTime::toString).orElse(null));
  }
}
