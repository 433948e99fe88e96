package io.spgate.fanout;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.vertx.core.json.jackson.DatabindCodec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A JSON_LISTINGS_FEED for one seller and marketplace, written to a temporary file a message at a
 * time (never the whole feed in memory), each message checked against Amazon's listings feed schema
 * (listings-feed-schema-v2.json) before it goes in. Message ids are the changes' positions, from 1.
 * The header asks for the issues found after acceptance, so that "accepted" can become "applied".
 */
final class FeedDocument {

  static final String CONTENT_TYPE = "application/json; charset=UTF-8";
  /** Vert.x's own mapper (it knows JsonObject and JsonArray), keeping prices as written (12.50, not 12.5). */
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final ObjectMapper MAPPER = DatabindCodec.mapper().copy().setNodeFactory(NODES);
  private static final int WARM_UP_FEEDS = 12;
  private static final int WARM_UP_MESSAGES = 2_500;
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
        writeTo(out, sellingPartnerId, changes, productTypes);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(file);
        throw e;
      }
      return new Written(file, Files.size(file));
    }, false);
  }

  /**
   * Writes and checks made-up feeds into nothing, {@value #WARM_UP_FEEDS} of {@value #WARM_UP_MESSAGES} messages one after
   * the other on a worker: run once at start, so the JIT has compiled the writer and the schema checks before the first
   * real feeds, which come when the machine is busiest (right after a large intake). On a slow 2-core machine a message
   * costs 100-200 µs in the first feeds and 10-15 µs once some 30,000 have been written; the warm-up costs one core 2-3 s.
   */
  static Future<Void> warmUp(Vertx vertx) {
    UUID seller = new UUID(0, 0);
    List<SkuChange> changes = new ArrayList<>(WARM_UP_MESSAGES);
    for (int i = 0; i < WARM_UP_MESSAGES; i++) {
      boolean priced = i % 3 != 2;
      boolean stocked = i % 3 != 0;
      changes.add(new SkuChange(seller, "ATVPDKIKX0DER", "WARM-UP-" + i, priced ? Optional.of(BigDecimal.valueOf(1_000 + i, 2))
          : Optional.empty(), priced ? Optional.of("USD") : Optional.empty(), stocked ? Optional.of(i % 50) : Optional.empty(),
          stocked ? Optional.of(2) : Optional.empty(), List.of((long) i)));
    }
    Future<Void> written = Future.succeededFuture();
    for (int feed = 0; feed < WARM_UP_FEEDS; feed++) {
      written = written.compose(v -> vertx.executeBlocking(() -> {
        writeTo(OutputStream.nullOutputStream(), "A0WARMUP", changes, Map.of());
        return null;
      }, false));
    }
    return written;
  }

  /** The feed, a message at a time: each checked as the Jackson tree that is then written (no text parsed back). */
  private static void writeTo(OutputStream stream, String sellingPartnerId, List<SkuChange> changes, Map<SkuKey, String> productTypes)
      throws IOException {
    try (JsonGenerator out = MAPPER.getFactory().createGenerator(stream)) {
      out.writeStartObject();
      out.writeFieldName("header");
      MAPPER.writeTree(out, checked(HEADER, tree(header(sellingPartnerId)), "header"));
      out.writeFieldName("messages");
      out.writeStartArray();
      for (int i = 0; i < changes.size(); i++) {
        SkuChange change = changes.get(i);
        JsonObject message = new JsonObject().put("messageId", i + 1).put("sku", change.sku()).put("operationType", "PATCH")
            .put("productType", productTypes.getOrDefault(change.key(), "PRODUCT")).put("patches", ListingPatches.of(change));
        MAPPER.writeTree(out, checked(MESSAGE, tree(message), "message " + (i + 1)));
      }
      out.writeEndArray();
      out.writeEndObject();
    }
  }

  /**
   * The message as Jackson's tree, node by node, where {@code valueToTree} serializes the JsonObject into a buffer and
   * reads the tree back: a message's cost while the JIT is cold fell by a fifth. Values are what {@link ListingPatches}
   * and the header put in.
   */
  static JsonNode tree(Object value) {
    if (value instanceof JsonObject object) {
      ObjectNode node = NODES.objectNode();
      object.forEach(field -> node.set(field.getKey(), tree(field.getValue())));
      return node;
    }
    if (value instanceof JsonArray array) {
      ArrayNode node = NODES.arrayNode(array.size());
      array.forEach(item -> node.add(tree(item)));
      return node;
    }
    if (value instanceof String text) {
      return NODES.textNode(text);
    }
    if (value instanceof Integer number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Long number) {
      return NODES.numberNode(number);
    }
    if (value instanceof BigDecimal number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Boolean bool) {
      return NODES.booleanNode(bool);
    }
    if (value == null) {
      return NODES.nullNode();
    }
    throw new IllegalArgumentException("No JSON tree for a " + value.getClass().getSimpleName());
  }

  static JsonObject header(String sellingPartnerId) {
    return new JsonObject().put("sellerId", sellingPartnerId).put("version", "2.0").put("issueLocale", "en_US")
        .put("report", new JsonObject().put("includedData", new JsonArray().add("issues")).put("apiVersion", "2021-08-01"));
  }

  /** The tree that goes into the file, once it passed the schema. */
  private static JsonNode checked(JsonSchema schema, JsonNode json, String what) {
    Set<ValidationMessage> errors = schema.validate(json);
    if (!errors.isEmpty()) {
      throw new InvalidFeedException("The feed's " + what + " breaks Amazon's listings feed schema ("
          + errors.iterator().next().getMessage() + ").");
    }
    return json;
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
