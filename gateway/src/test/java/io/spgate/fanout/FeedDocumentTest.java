package io.spgate.fanout;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Feeds written to their temporary file, each message checked against Amazon's listings feed schema on the way. */
class FeedDocumentTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  @Test
  void should_write_one_message_per_change_numbered_from_one_with_the_header_asking_for_issues() throws Exception {
    List<SkuChange> changes = List.of(change("SKU-1", Optional.of(new BigDecimal("12.50")), Optional.empty()),
        change("SKU-2", Optional.empty(), Optional.of(7)));

    FeedDocument.Written written = await(FeedDocument.write(vertx, "A1SELLER", changes, Map.of(changes.get(1).key(), "LUGGAGE")));

    try {
      String text = Files.readString(written.file());
      JsonObject feed = new JsonObject(text);
      assertThat(text).as("the price as it was given").contains("\"value_with_tax\":12.50");
      assertThat(written.bytes()).isEqualTo(Files.size(written.file()));
      assertThat(feed.getJsonObject("header").getString("sellerId")).isEqualTo("A1SELLER");
      assertThat(feed.getJsonObject("header").getJsonObject("report").getJsonArray("includedData")).containsExactly("issues");
      JsonArray messages = feed.getJsonArray("messages");
      assertThat(messages).hasSize(2);
      assertThat(messages.getJsonObject(0).getInteger("messageId")).isEqualTo(1);
      assertThat(messages.getJsonObject(0).getString("productType")).isEqualTo("PRODUCT");
      assertThat(messages.getJsonObject(1).getString("sku")).isEqualTo("SKU-2");
      assertThat(messages.getJsonObject(1).getString("productType")).isEqualTo("LUGGAGE");
      assertThat(messages.getJsonObject(1).getJsonArray("patches").getJsonObject(0).getString("path"))
          .isEqualTo("/attributes/fulfillment_availability");
    } finally {
      Files.deleteIfExists(written.file());
    }
  }

  @Test
  void should_refuse_a_feed_whose_message_breaks_the_schema_naming_the_message() {
    // The schema wants a SKU of at least one character and a product type of at least one.
    List<SkuChange> changes = List.of(change("SKU-1", Optional.of(BigDecimal.TEN), Optional.empty()),
        change("", Optional.of(BigDecimal.ONE), Optional.empty()));

    assertThatThrownBy(() -> FeedDocument.write(vertx, "A1SELLER", changes, Map.of()).toCompletionStage().toCompletableFuture().get())
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(FeedDocument.InvalidFeedException.class)
        .hasMessageContaining("message 2");
  }

  private static SkuChange change(String sku, Optional<BigDecimal> price, Optional<Integer> quantity) {
    return new SkuChange(UUID.randomUUID(), "ATVPDKIKX0DER", sku, price, price.map(p -> "USD"), quantity, Optional.empty(), List.of(1L));
  }

  @Test
  void should_make_the_same_tree_as_jackson_would_from_the_message_keeping_the_price_as_written() {
    SkuChange change = new SkuChange(UUID.randomUUID(), "ATVPDKIKX0DER", "SKU-1", Optional.of(new BigDecimal("12.50")),
        Optional.of("USD"), Optional.of(7), Optional.of(3), List.of(1L));
    JsonObject message = new JsonObject().put("messageId", 1).put("sku", "SKU-1").put("operationType", "PATCH")
        .put("productType", "PRODUCT").put("patches", ListingPatches.of(change)).put("flag", true).put("big", 1L << 40)
        .putNull("nothing");
    ObjectMapper jackson = DatabindCodec.mapper().copy().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    JsonNode tree = FeedDocument.tree(message);

    assertThat(tree).isEqualTo(jackson.valueToTree(message));
    assertThat(tree.toString()).contains("\"value_with_tax\":12.50").contains("\"quantity\":7");
    assertThatThrownBy(() -> FeedDocument.tree(new JsonObject().put("ratio", 0.5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Double");
  }

  @Test
  void should_warm_up_on_a_made_up_feed_that_keeps_to_the_schema() {
    // A made-up message that broke the schema would fail the warm-up (InvalidFeedException), as it would fail a real feed.
    await(FeedDocument.warmUp(vertx));
  }
}
