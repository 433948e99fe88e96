package io.spgate.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AmazonOrderTest {

  private static final Path MODEL = Path.of(System.getProperty("spApiModels.dir", "../../shared/sp-api-models"),
      "models/orders-api-model/orders_2026-01-01.json");

  /** getOrder's example answer in Amazon's model. */
  private static JsonObject modelExample() throws IOException {
    JsonObject model = new JsonObject(Files.readString(MODEL));
    return model.getJsonObject("paths").getJsonObject("/orders/2026-01-01/orders/{orderId}").getJsonObject("get")
        .getJsonObject("responses").getJsonObject("200").getJsonObject("examples").getJsonObject("application/json")
        .getJsonObject("order");
  }

  @Test
  void should_read_the_models_example_order_without_its_buyer_or_recipient() throws IOException {
    AmazonOrder order = AmazonOrder.parse(modelExample());

    assertThat(order.amazonOrderId()).isEqualTo("202-1234567-8901234");
    assertThat(order.marketplaceId()).contains("A1F83G8C2ARO7P");
    assertThat(order.status()).isEqualTo(OrderStatus.SHIPPED);
    assertThat(order.fulfillment()).isEqualTo("MFN");
    assertThat(order.purchasedAt()).isEqualTo(Instant.parse("2024-12-25T09:15:00Z"));
    assertThat(order.lastUpdatedAt()).isEqualTo(Instant.parse("2024-12-25T16:30:00Z"));
    assertThat(order.shipBy()).contains(Instant.parse("2024-12-26T23:59:59Z"));
    assertThat(order.total()).contains(new BigDecimal("103.97"));
    assertThat(order.currency()).contains("GBP");
    assertThat(order.items()).singleElement().satisfies(item -> {
      assertThat(item.sku()).contains("ECHO-DOT-4-UK-CHARCOAL-3PACK");
      assertThat(item.asin()).contains("B08DFPV54V");
      assertThat(item.quantity()).isEqualTo(3);
      assertThat(item.quantityShipped()).isEqualTo(3);
      assertThat(item.unitPrice()).contains(new BigDecimal("29.99"));
    });
    String kept = order.itemsJson().encode();
    assertThat(kept).doesNotContain("James Wilson").doesNotContain("M1 2AB").doesNotContain("buyer-email");
  }

  @Test
  void should_hash_the_content_without_amazons_timestamp() throws IOException {
    JsonObject example = modelExample();
    JsonObject restamped = example.copy().put("lastUpdatedTime", "2024-12-26T10:00:00Z");
    JsonObject cancelled = example.copy();
    cancelled.getJsonObject("fulfillment").put("fulfillmentStatus", "CANCELLED");

    assertThat(AmazonOrder.parse(restamped).contentSha256()).isEqualTo(AmazonOrder.parse(example).contentSha256());
    assertThat(AmazonOrder.parse(cancelled).contentSha256()).isNotEqualTo(AmazonOrder.parse(example).contentSha256());
  }

  @Test
  void should_refuse_an_order_without_its_id_or_with_an_unknown_status() throws IOException {
    JsonObject noId = modelExample();
    noId.remove("orderId");
    JsonObject unknown = modelExample();
    unknown.getJsonObject("fulfillment").put("fulfillmentStatus", "TELEPORTED");

    assertThatThrownBy(() -> AmazonOrder.parse(noId)).isInstanceOf(AmazonOrder.Malformed.class).hasMessageContaining("orderId");
    assertThatThrownBy(() -> AmazonOrder.parse(unknown)).isInstanceOf(AmazonOrder.Malformed.class)
        .hasMessageContaining("fulfillmentStatus");
  }
}
