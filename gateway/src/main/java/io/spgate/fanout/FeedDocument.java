package io.spgate.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.spgate.channels.SkuKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
import java.util.Set;

/**
 * A JSON_LISTINGS_FEED for one seller and marketplace, written to a temporary file a message at a
 * time (never the whole feed in memory), each message checked against Amazon's listings feed schema
 * (listings-feed-schema-v2.json) before it goes in. Message ids are the changes' positions, from 1.
 * The header asks for the issues found after acceptance, so that "accepted" can become "applied".
 */
final class FeedDocument {

  static final String CONTENT_TYPE = "application/json; charset=UTF-8";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNode SCHEMA = readSchema();
  private static final JsonSchema HEADER = validator(SCHEMA.get("properties").get("header"));
  private static final JsonSchema MESSAGE = validator(SCHEMA.get("properties").get("messages").get("items"));

  /** A feed on disk: its file and size. */
  record Written(Path file, long bytes) {}

  private FeedDocument() {}

  /** Writes the feed on a worker thread; fails with {@link InvalidFeedException} if a message breaks the schema. */
  static Future<Written> write(Vertx vertx, String sellingPartnerId, List<SkuChange> changes, Map<SkuKey, String> productTypes) {
    return vertx.executeBlocking(() -> {
      Path file = Files.createTempFile("spgate-feed-", ".json");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
        byte[] header = header(sellingPartnerId).toBuffer().getBytes();
        check(HEADER, header, "header");
        out.write("{\"header\":".getBytes(StandardCharsets.UTF_8));
        out.write(header);
        out.write(",\"messages\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < changes.size(); i++) {
          SkuChange change = changes.get(i);
          byte[] message = new JsonObject().put("messageId", i + 1).put("sku", change.sku()).put("operationType", "PATCH")
              .put("productType", productTypes.getOrDefault(change.key(), "PRODUCT")).put("patches", ListingPatches.of(change))
              .toBuffer().getBytes();
          check(MESSAGE, message, "message " + (i + 1));
          if (i > 0) {
            out.write(',');
          }
          out.write(message);
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

  /** Checks the bytes that go into the file, as Amazon will read them. */
  private static void check(JsonSchema schema, byte[] json, String what) throws IOException {
    Set<ValidationMessage> errors = schema.validate(MAPPER.readTree(json));
    if (!errors.isEmpty()) {
      throw new InvalidFeedException("The feed's " + what + " breaks Amazon's listings feed schema ("
          + errors.iterator().next().getMessage() + ").");
    }
  }

  /**
   * A draft 7 validator (what Amazon's schema declares) that knows the schema's "example" annotation. networknt compiles
   * the schema once and checks a message in microseconds, where an interpreting validator took a tenth of a millisecond:
   * a 25,000-message feed is checked in a fraction of a second.
   */
  private static JsonSchema validator(JsonNode schema) {
    JsonMetaSchema draft7 = JsonMetaSchema.builder(JsonMetaSchema.getV7()).keyword(new NonValidationKeyword("example")).build();
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, factory -> factory.metaSchema(draft7)).getSchema(schema);
  }

  private static JsonNode readSchema() {
    try (InputStream in = FeedDocument.class.getResourceAsStream("/feeds/listings-feed-schema-v2.json")) {
      return MAPPER.readTree(in);
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
