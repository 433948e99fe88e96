package io.spgate.reports;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** What to ask Amazon for: createReport's specification. */
public record ReportSpec(String reportType, List<String> marketplaceIds, Optional<OffsetDateTime> dataStartTime,
    Optional<OffsetDateTime> dataEndTime, JsonObject reportOptions) {

  /** createReport's body. */
  JsonObject toAmazon() {
    JsonObject body = new JsonObject().put("reportType", reportType).put("marketplaceIds", marketplaceIds);
    dataStartTime.ifPresent(t -> body.put("dataStartTime", t.toInstant().toString()));
    dataEndTime.ifPresent(t -> body.put("dataEndTime", t.toInstant().toString()));
    if (!reportOptions.isEmpty()) {
      body.put("reportOptions", reportOptions);
    }
    return body;
  }
}
