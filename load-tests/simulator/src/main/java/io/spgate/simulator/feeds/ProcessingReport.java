package io.spgate.simulator.feeds;

import io.spgate.simulator.data.Listing;
import io.spgate.simulator.listings.ListingEditor;
import io.spgate.simulator.listings.ListingJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The processing report of a JSON_LISTINGS_FEED, in the shape of listings-feed-processing-report-schema-v2, written
 * message by message.
 *
 * <p>Issues that kept a message from being accepted are always in it. Issues Amazon finds after accepting a message
 * are in it only when the feed's header.report.includedData asks for "issues" (FACTS.md part 2, section 2): without
 * that, a message accepted and then not applied looks just like one applied, which is Amazon's trap. That they need
 * "issues" itself, not any includedData, is the simulator's reading (UNCONFIRMED): they are the listing's issues of the
 * Listings Items API, which only that data set carries. With includedData, {@code items} holds each listing the feed
 * touched with the data sets asked for, and {@code summary.itemSummary} counts them.
 */
final class ProcessingReport {
  private final String feedId;
  private final String sellerId;
  private final String marketplaceId;
  private final JsonObject requested;
  private final List<String> includedData;
  private final JsonArray issues = new JsonArray();
  /** By SKU: a listing named by several messages appears once, as the last one left it. */
  private final Map<String, JsonObject> items = new LinkedHashMap<>();
  private int processed;
  private int accepted;

  /** {@code requested}: the feed's header.report, or null. */
  ProcessingReport(String feedId, String sellerId, JsonObject requested, String marketplaceId) {
    this.feedId = feedId;
    this.sellerId = sellerId;
    this.marketplaceId = marketplaceId;
    this.requested = requested;
    this.includedData = requested == null ? List.of()
        : requested.getJsonArray("includedData", new JsonArray()).stream().map(Object::toString).toList();
  }

  static JsonObject header(String feedId, String sellerId) {
    return new JsonObject().put("sellerId", sellerId).put("version", "2.0").put("feedId", feedId);
  }

  /** One message's outcome; {@code listing} is the SKU's listing after it. */
  void add(int messageId, String sku, ListingEditor.Outcome outcome, Optional<Listing> listing) {
    processed++;
    outcome.validation().forEach(issue -> issues.add(issue.toReportJson(messageId, sku)));
    if (outcome.invalid()) {
      return;
    }
    accepted++;
    boolean issuesAsked = includedData.contains("issues");
    if (issuesAsked) {
      outcome.postAcceptance().forEach(issue -> issues.add(issue.toReportJson(messageId, sku)));
    }
    if (includedData.isEmpty() || listing.isEmpty()) {
      items.remove(sku);
    } else {
      items.put(sku, ListingJson.item(listing.get(), marketplaceId, includedData, outcome.postAcceptance()));
    }
  }

  JsonObject toJson() {
    JsonObject summary = new JsonObject()
        .put("errors", count(issues, "ERROR")).put("warnings", count(issues, "WARNING"))
        .put("messagesProcessed", processed).put("messagesAccepted", accepted).put("messagesInvalid", processed - accepted);
    JsonObject header = header(feedId, sellerId);
    JsonObject report = new JsonObject().put("header", header).put("issues", issues).put("summary", summary);
    if (requested != null) {
      header.put("report", requested.copy());
    }
    if (!includedData.isEmpty()) {
      JsonArray itemJson = new JsonArray();
      JsonArray itemIssues = new JsonArray();
      items.values().forEach(item -> {
        itemJson.add(item);
        item.getJsonArray("issues", new JsonArray()).forEach(itemIssues::add);
      });
      summary.put("itemSummary", new JsonObject().put("items", itemJson.size()).put("errors", count(itemIssues, "ERROR"))
          .put("warnings", count(itemIssues, "WARNING")));
      report.put("items", itemJson);
    }
    return report;
  }

  private static int count(JsonArray issues, String severity) {
    int n = 0;
    for (Object issue : issues) {
      if (issue instanceof JsonObject json && severity.equals(json.getString("severity"))) {
        n++;
      }
    }
    return n;
  }
}
