package io.spgate.simulator.feeds;

import io.spgate.simulator.processing.Processing;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** A submitted feed: what was asked, and its processing. */
record Feed(String feedId, String sellerId, String feedType, List<String> marketplaceIds, String inputFeedDocumentId, Instant createdTime,
    Processing processing) {

  JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("feedId", feedId).put("feedType", feedType).put("marketplaceIds", new JsonArray(marketplaceIds))
        .put("createdTime", createdTime.toString());
    return processing.addTo(json, "resultFeedDocumentId");
  }
}
