package io.spgate.fanout;

import io.spgate.channels.SkuKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A JSON_LISTINGS_FEED for one seller and marketplace, written to a temporary file a message at a
 * time (never the whole feed in memory), each message checked against Amazon's listings feed schema
 * (listings-feed-schema-v2.json) before it goes in. Message ids are the changes' positions, from 1.
 * The header asks for the issues found after acceptance, so that "accepted" can become "applied".
 */
final class FeedDocument {

  static final String CONTENT_TYPE = "application/json; charset=UTF-8";
  private static final JsonObject SCHEMA = readSchema();
  private static final Validator HEADER = validator(SCHEMA.getJsonObject("properties").getJsonObject("header"));
  private static final Validator MESSAGE = validator(SCHEMA.getJsonObject("properties").getJsonObject("messages")
      .getJsonObject("items"));

  /** A feed on disk: its file and size. */
  record Written(Path file, long bytes) {}

  private FeedDocument() {}

  /** Writes the feed on a worker thread; fails with {@link InvalidFeedException} if a message breaks the schema. */
  static Future<Written> write(Vertx vertx, String sellingPartnerId, List<SkuChange> changes, Map<SkuKey, String> productTypes) {
    return vertx.executeBlocking(() -> {
      Path file = Files.createTempFile("spgate-feed-", ".json");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
        JsonObject header = header(sellingPartnerId);
        check(HEADER, header, "header");
        out.write(("{\"header\":" + header.encode() + ",\"messages\":[").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < changes.size(); i++) {
          SkuChange change = changes.get(i);
          JsonObject message = new JsonObject().put("messageId", i + 1).put("sku", change.sku()).put("operationType", "PATCH")
              .put("productType", productTypes.getOrDefault(change.key(), "PRODUCT")).put("patches", ListingPatches.of(change));
          check(MESSAGE, message, "message " + (i + 1));
          if (i > 0) {
            out.write(',');
          }
          out.write(message.toBuffer().getBytes());
        }
        out.write("]}".getBytes(StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(file);
        throw e;
      }
      return new Written(file, Files.size(file));
    }, false);
  }

  static JsonObject header(String sellingPartnerId) {
    return new JsonObject().put("sellerId", sellingPartnerId).put("version", "2.0").put("issueLocale", "en_US")
        .put("report", new JsonObject().put("includedData", new JsonArray().add("issues")).put("apiVersion", "2021-08-01"));
  }

  private static void check(Validator validator, JsonObject json, String what) {
    OutputUnit result = validator.validate(json);
    if (!result.getValid()) {
      String why = result.getErrors() == null || result.getErrors().isEmpty() ? "invalid"
          : result.getErrors().get(0).getInstanceLocation() + ": " + result.getErrors().get(0).getError();
      throw new InvalidFeedException("The feed's " + what + " breaks Amazon's listings feed schema (" + why + ").");
    }
  }

  private static Validator validator(JsonObject schema) {
    return Validator.create(JsonSchema.of(schema), new JsonSchemaOptions().setDraft(Draft.DRAFT7).setBaseUri("https://spgate.invalid/"));
  }

  private static JsonObject readSchema() {
    try (InputStream in = FeedDocument.class.getResourceAsStream("/feeds/listings-feed-schema-v2.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A feed spgate built does not conform to Amazon's schema: a bug or a value the checks let through; never sent. */
  static final class InvalidFeedException extends RuntimeException {
    InvalidFeedException(String message) {
      super(message);
    }
  }
}
