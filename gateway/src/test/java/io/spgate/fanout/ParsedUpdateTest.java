package io.spgate.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ParsedUpdateTest {

  private static final String SELLER = UUID.randomUUID().toString();

  private static JsonObject update() {
    return new JsonObject().put("channelId", SELLER + ".ATVPDKIKX0DER").put("sku", "SKU-1");
  }

  private static String codeOf(JsonObject fields) {
    try {
      ParsedUpdate.parse(new RawUpdate(3, fields));
      return "none";
    } catch (RejectedUpdateException e) {
      assertThat(e.at(3).index()).isEqualTo(3);
      return e.at(3).code();
    }
  }

  @Test
  void should_read_a_channel_either_way_and_csv_text_numbers() {
    ParsedUpdate byChannel = ParsedUpdate.parse(new RawUpdate(0, update().put("price", new JsonObject().put("amount", 12.5)
        .put("currency", "USD")).put("quantity", 3)));
    ParsedUpdate bySeller = ParsedUpdate.parse(new RawUpdate(1, new JsonObject().put("sellerId", SELLER).put("marketplaceId",
        "ATVPDKIKX0DER").put("sku", "SKU-1").put("price", new JsonObject().put("amount", "12.50").put("currency", "USD"))
        .put("handlingTime", "2")));

    assertThat(byChannel.channel()).isEqualTo(bySeller.channel());
    assertThat(byChannel.price()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo(new BigDecimal("12.5")));
    assertThat(bySeller.handlingTime()).contains(2);
    assertThat(byChannel.quantity()).contains(3);
  }

  @Test
  void should_name_what_is_wrong_with_an_update() {
    assertThat(codeOf(update())).isEqualTo("nothing_to_update");
    assertThat(codeOf(update().put("quantity", 1.5))).isEqualTo("quantity_invalid");
    assertThat(codeOf(update().put("quantity", -1))).isEqualTo("quantity_invalid");
    assertThat(codeOf(update().put("quantity", "many"))).isEqualTo("quantity_invalid");
    assertThat(codeOf(update().put("handlingTime", 31))).isEqualTo("handling_time_invalid");
    assertThat(codeOf(update().put("price", 10))).isEqualTo("price_invalid");
    assertThat(codeOf(update().put("price", new JsonObject().put("amount", 10)))).isEqualTo("price_invalid");
    assertThat(codeOf(update().put("colour", "red").put("quantity", 1))).isEqualTo("invalid_item");
    assertThat(codeOf(update().put("sku", "x".repeat(41)).put("quantity", 1))).isEqualTo("invalid_item");
    assertThat(codeOf(update().put("channelId", "nonsense").put("quantity", 1))).isEqualTo("channel_unknown");
    assertThat(codeOf(update().put("sellerId", SELLER).put("quantity", 1))).isEqualTo("invalid_item");
    assertThat(codeOf(new JsonObject().put("sku", "A").put("quantity", 1))).isEqualTo("invalid_item");
  }

  @Test
  void should_refuse_an_update_without_a_sku() {
    assertThatThrownBy(() -> ParsedUpdate.parse(new RawUpdate(0, new JsonObject().put("channelId", SELLER + ".ATVPDKIKX0DER")
        .put("quantity", 1)))).isInstanceOf(RejectedUpdateException.class).hasMessageContaining("sku");
  }
}
