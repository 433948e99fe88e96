package io.spgate.simulator.reports;

import io.spgate.simulator.processing.Processing;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A requested report: what was asked (rows: the size of a listings report), how it is to end, and its processing. */
record Report(String reportId, String sellerId, String reportType, List<String> marketplaceIds, Instant createdTime, Instant dataStartTime,
    Instant dataEndTime, long rows, Ending ending, Processing processing) {

  /** Amazon serves reports for 90 days after they were created (FACTS.md part 2, section 1). */
  static final Duration RETENTION = Duration.ofDays(90);

  /** How processing ends, decided when the report is created. */
  enum Ending {
    /** DONE with a document, or CANCELLED when the range holds no data. */
    AS_DATA_ALLOWS,
    /** CANCELLED with no document: an FBA report asked for inside its window, or simulatorOutcome=CANCELLED. */
    CANCELLED,
    /** FATAL, with a document that says why: simulatorOutcome=FATAL. */
    FATAL
  }

  boolean servedAt(Instant now) {
    return createdTime.isAfter(now.minus(RETENTION));
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("reportId", reportId).put("reportType", reportType).put("marketplaceIds", new JsonArray(marketplaceIds))
        .put("createdTime", createdTime.toString()).put("dataStartTime", dataStartTime.toString())
        .put("dataEndTime", dataEndTime.toString());
    return processing.addTo(json, "reportDocumentId");
  }
}
