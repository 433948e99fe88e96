package io.spgate.simulator.feeds;

import io.spgate.simulator.data.Marketplace;
import io.spgate.simulator.data.SellerStore;
import io.spgate.simulator.listings.Issue;
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
 * Applies a JSON_LISTINGS_FEED to a seller's listings, message by message, and writes the processing report
 * ({@link ProcessingReport}). A document that is not a valid feed is FATAL.
 */
final class ListingsFeedProcessor {
  private static final JsonObject FEED_SCHEMA =
      new JsonObject(ModelCatalog.readResource(ModelCatalog.RESOURCE_ROOT + "schemas/feeds/listings-feed-schema-v2.json"));

  record Outcome(boolean fatal, JsonObject report) {}

  private final ListingEditor editor;

  ListingsFeedProcessor(ListingEditor editor) {
    this.editor = editor;
  }

  /** {@code marketplace}: the feed's first marketplace, which messages' offers without marketplace_id are for. */
  Outcome process(String feedId, SellerStore store, Marketplace marketplace, Optional<Buffer> content) {
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
    JsonObject header = feed.getJsonObject("header");
    if (!sellerId.equals(header.getString("sellerId"))) {
      return fatal(feedId, sellerId, "The sellerId in the feed header does not match the submitting selling partner.");
    }
    ProcessingReport report = new ProcessingReport(feedId, sellerId, header.getJsonObject("report"), marketplace.id());
    JsonArray messages = feed.getJsonArray("messages");
    for (int i = 0; i < messages.size(); i++) {
      JsonObject message = messages.getJsonObject(i);
      String sku = message.getString("sku");
      report.add(message.getInteger("messageId"), sku, apply(store, marketplace, message), store.listing(sku));
    }
    return new Outcome(false, report.toJson());
  }

  private ListingEditor.Outcome apply(SellerStore store, Marketplace marketplace, JsonObject message) {
    String sku = message.getString("sku");
    String productType = message.getString("productType");
    return switch (message.getString("operationType")) {
      case "UPDATE" -> editor.put(store, sku, marketplace, productType, message.getJsonObject("attributes"), ListingEditor.Mode.APPLY);
      case "PARTIAL_UPDATE" -> editor.partialUpdate(store, sku, marketplace, productType, message.getJsonObject("attributes"));
      case "PATCH" -> editor.patch(store, sku, marketplace, productType, message.getJsonArray("patches"), ListingEditor.Mode.APPLY);
      case "DELETE" -> editor.delete(store, sku) ? new ListingEditor.Outcome(List.of(), List.of(), true)
          : invalid(Issue.error("NOT_FOUND", "The listing item with SKU " + sku + " does not exist.", null, "INVALID_ATTRIBUTE"));
      default -> invalid(Issue.error("INVALID_OPERATION", "Unknown operationType", null, "INVALID_ATTRIBUTE"));
    };
  }

  private static ListingEditor.Outcome invalid(Issue issue) {
    return new ListingEditor.Outcome(List.of(issue), List.of(), false);
  }

  private static Outcome fatal(String feedId, String sellerId, String message) {
    JsonObject summary = new JsonObject().put("errors", 1).put("warnings", 0).put("messagesProcessed", 0).put("messagesAccepted", 0)
        .put("messagesInvalid", 0);
    JsonArray issues = new JsonArray().add(new JsonObject().put("code", "FATAL").put("severity", "ERROR").put("message", message));
    return new Outcome(true, new JsonObject().put("header", ProcessingReport.header(feedId, sellerId)).put("issues", issues)
        .put("summary", summary));
  }
}
