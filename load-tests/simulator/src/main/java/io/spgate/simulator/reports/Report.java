package io.spgate.simulator.reports;

import io.spgate.simulator.processing.Processing;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** A requested report: what was asked (rows: the size of a listings report), and its processing. */
record Report(String reportId, String sellerId, String reportType, List<String> marketplaceIds, Instant createdTime, Instant dataStartTime,
    Instant dataEndTime, long rows, Processing processing) {

  JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("reportId", reportId).put("reportType", reportType).put("marketplaceIds", new JsonArray(marketplaceIds))
        .put("createdTime", createdTime.toString()).put("dataStartTime", dataStartTime.toString())
        .put("dataEndTime", dataEndTime.toString());
    return processing.addTo(json, "reportDocumentId");
  }
}
