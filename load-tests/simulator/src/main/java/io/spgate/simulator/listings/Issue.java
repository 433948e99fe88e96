package io.spgate.simulator.listings;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An issue with a listing submission: in the Listings Items API's shape (patch answers, getListingsItem's issues) and
 * in the feed processing report's (one per message). Only an ERROR keeps a submission from being applied.
 *
 * @param category one of the model's Issue categories (INVALID_ATTRIBUTE, INVALID_PRICE, ...)
 */
public record Issue(String code, String message, String severity, String attributeName, String category) {
  public static final String ERROR = "ERROR";

  public static Issue error(String code, String message, String attributeName, String category) {
    return new Issue(code, message, ERROR, attributeName, category);
  }

  public boolean isError() {
    return ERROR.equals(severity);
  }

  /** The Listings Items API's Issue: code, message, severity, categories and, when there is one, attributeNames. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("code", code).put("message", message).put("severity", severity)
        .put("categories", new JsonArray().add(category));
    return attributeName == null ? json : json.put("attributeNames", new JsonArray().add(attributeName));
  }

  /** An issue of listings-feed-processing-report-schema-v2, tied to its message. */
  public JsonObject toReportJson(int messageId, String sku) {
    JsonObject json = new JsonObject().put("messageId", messageId).put("sku", sku).put("code", code).put("severity", severity)
        .put("message", message);
    return attributeName == null ? json : json.put("attributeName", attributeName);
  }
}
