package io.spgate.simulator.feeds;

import io.spgate.simulator.data.SellerStore;
import io.spgate.simulator.listings.ListingEditor;
import io.spgate.simulator.model.ModelCatalog;
import io.spgate.simulator.model.validation.SchemaValidator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * Applies a JSON_LISTINGS_FEED to a seller's listings, message by message, and writes the processing report in the
 * shape of listings-feed-processing-report-schema-v2. A document that is not a valid feed is FATAL.
 */
final class ListingsFeedProcessor {
  private static final JsonObject FEED_SCHEMA =
      new JsonObject(ModelCatalog.readResource(ModelCatalog.RESOURCE_ROOT + "schemas/feeds/listings-feed-schema-v2.json"));

  record Outcome(boolean fatal, JsonObject report) {}

  private final ListingEditor editor;

  ListingsFeedProcessor(ListingEditor editor) {
    this.editor = editor;
  }

  Outcome process(String feedId, SellerStore store, Optional<Buffer> content) {
    String sellerId = store.seller().sellerId();
    if (content.isEmpty()) {
      return fatal(feedId, sellerId, "The feed document was never uploaded.");
    }
    JsonObject feed;
    try {
      feed = new JsonObject(content.get());
    } catch (DecodeException | ClassCastException e) {
      return fatal(feedId, sellerId, "The feed document is not a JSON object.");
    }
    Optional<String> problem = SchemaValidator.firstProblem(FEED_SCHEMA, FEED_SCHEMA, feed, "feed");
    if (problem.isPresent()) {
      return fatal(feedId, sellerId, "The feed does not conform to the JSON_LISTINGS_FEED schema: " + problem.get());
    }
    if (!sellerId.equals(feed.getJsonObject("header").getString("sellerId"))) {
      return fatal(feedId, sellerId, "The sellerId in the feed header does not match the submitting selling partner.");
    }
    JsonArray messages = feed.getJsonArray("messages");
    JsonArray issues = new JsonArray();
    int accepted = 0;
    for (int i = 0; i < messages.size(); i++) {
      JsonObject message = messages.getJsonObject(i);
      List<ListingEditor.Issue> found = apply(store, message);
      if (found.isEmpty()) {
        accepted++;
      }
      for (ListingEditor.Issue issue : found) {
        JsonObject json = new JsonObject().put("messageId", message.getInteger("messageId")).put("sku", message.getString("sku"))
            .put("code", issue.code()).put("severity", issue.severity()).put("message", issue.message());
        if (issue.attributeName() != null) {
          json.put("attributeName", issue.attributeName());
        }
        issues.add(json);
      }
    }
    JsonObject summary = new JsonObject().put("errors", issues.size()).put("warnings", 0).put("messagesProcessed", messages.size())
        .put("messagesAccepted", accepted).put("messagesInvalid", messages.size() - accepted);
    return new Outcome(false, new JsonObject().put("header", header(feedId, sellerId)).put("issues", issues).put("summary", summary));
  }

  private List<ListingEditor.Issue> apply(SellerStore store, JsonObject message) {
    String sku = message.getString("sku");
    String productType = message.getString("productType");
    return switch (message.getString("operationType")) {
      case "UPDATE" -> editor.put(store, sku, productType, message.getJsonObject("attributes"), true);
      case "PARTIAL_UPDATE" -> editor.partialUpdate(store, sku, productType, message.getJsonObject("attributes"));
      case "PATCH" -> editor.patch(store, sku, productType, message.getJsonArray("patches"), true);
      case "DELETE" -> editor.delete(store, sku) ? List.of()
          : List.of(new ListingEditor.Issue("NOT_FOUND", "The listing item with SKU " + sku + " does not exist.", "ERROR", null));
      default -> List.of(new ListingEditor.Issue("INVALID_OPERATION", "Unknown operationType", "ERROR", null));
    };
  }

  private static Outcome fatal(String feedId, String sellerId, String message) {
    JsonObject summary = new JsonObject().put("errors", 1).put("warnings", 0).put("messagesProcessed", 0).put("messagesAccepted", 0)
        .put("messagesInvalid", 0);
    JsonArray issues = new JsonArray().add(new JsonObject().put("code", "FATAL").put("severity", "ERROR").put("message", message));
    return new Outcome(true, new JsonObject().put("header", header(feedId, sellerId)).put("issues", issues).put("summary", summary));
  }

  private static JsonObject header(String feedId, String sellerId) {
    return new JsonObject().put("sellerId", sellerId).put("version", "2.0").put("feedId", feedId);
  }
}
