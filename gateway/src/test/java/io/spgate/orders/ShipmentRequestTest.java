package io.spgate.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spgate.http.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ShipmentRequestTest {

  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  private static final Order ORDER = new Order(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "111-1",
      Optional.of("ATVPDKIKX0DER"), "partially_shipped", "MFN", OffsetDateTime.parse("2026-12-06T10:00:00Z"), OffsetDateTime.parse("2026-12-06T11:00:00Z"),
      Optional.empty(), Optional.of("USD"), Optional.empty(), new JsonArray()
          .add(new JsonObject().put("orderItemId", "A").put("quantity", 3).put("quantityShipped", 1))
          .add(new JsonObject().put("orderItemId", "B").put("quantity", 1).put("quantityShipped", 1)),
      1, OffsetDateTime.parse("2026-12-06T10:00:00Z"), OffsetDateTime.parse("2026-12-06T11:00:00Z"));

  @Test
  void should_ship_everything_left_when_no_items_are_named() {
    ShipmentRequest request = ShipmentRequest.parse(new JsonObject().put("carrierCode", "UPS").put("trackingNumber", "1Z999"), ORDER, NOW);

    assertThat(request.items()).isEqualTo(Map.of("A", 2));
    assertThat(request.shipDate()).isEqualTo(NOW);
    JsonObject detail = request.packageDetail("1");
    assertThat(detail.getString("carrierCode")).isEqualTo("UPS");
    assertThat(detail.getJsonArray("orderItems").getJsonObject(0).getInteger("quantity")).isEqualTo(2);
    assertThat(detail.containsKey("carrierName")).isFalse();
  }

  @Test
  void should_refuse_a_carrier_code_amazon_does_not_list_and_take_other_only_with_a_name() {
    assertThat(code(() -> ShipmentRequest.parse(new JsonObject().put("carrierCode", "Purolator").put("trackingNumber", "1"), ORDER, NOW)))
        .isEqualTo("carrier_code_unknown");
    assertThat(code(() -> ShipmentRequest.parse(new JsonObject().put("carrierCode", "ups").put("trackingNumber", "1"), ORDER, NOW)))
        .isEqualTo("carrier_code_unknown");
    assertThat(code(() -> ShipmentRequest.parse(new JsonObject().put("carrierCode", "Other").put("trackingNumber", "1"), ORDER, NOW)))
        .isEqualTo("validation_failed");
    ShipmentRequest other = ShipmentRequest.parse(new JsonObject().put("carrierCode", "Other").put("carrierName", "Purolator")
        .put("trackingNumber", "1"), ORDER, NOW);
    assertThat(other.packageDetail("2").getString("carrierName")).isEqualTo("Purolator");
  }

  @Test
  void should_refuse_items_the_order_does_not_have_or_more_than_is_left() {
    JsonObject base = new JsonObject().put("carrierCode", "USPS").put("trackingNumber", "9400");

    assertThatThrownBy(() -> ShipmentRequest.parse(base.copy().put("items", new JsonArray().add(item("C", 1))), ORDER, NOW))
        .isInstanceOf(ApiException.class).hasMessageContaining("not an item of this order");
    JsonArray tooMany = new JsonArray().add(item("A", 2)).add(item("A", 1));
    assertThatThrownBy(() -> ShipmentRequest.parse(base.copy().put("items", tooMany), ORDER, NOW))
        .isInstanceOf(ApiException.class).hasMessageContaining("2 are left to ship");
    assertThatThrownBy(() -> ShipmentRequest.parse(base.copy().put("items", new JsonArray().add(item("A", 0))), ORDER, NOW))
        .isInstanceOf(ApiException.class);
    assertThat(code(() -> ShipmentRequest.parse(base.copy().put("items", new JsonArray().add(item("B", 1))), ORDER, NOW)))
        .isEqualTo("validation_failed");
    assertThat(code(() -> ShipmentRequest.parse(base.copy().put("shipDate", "2026-12-08T10:00:00Z"), ORDER, NOW)))
        .isEqualTo("validation_failed");
    assertThat(code(() -> ShipmentRequest.parse(base.copy().put("color", "red"), ORDER, NOW))).isNotEmpty();
  }

  private static JsonObject item(String id, int quantity) {
    return new JsonObject().put("orderItemId", id).put("quantity", quantity);
  }

  private static String code(Runnable parse) {
    try {
      parse.run();
    } catch (ApiException e) {
      return e.problem().code();
    }
    throw new AssertionError("accepted");
  }
}
