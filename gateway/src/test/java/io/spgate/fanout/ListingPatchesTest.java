package io.spgate.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ListingPatchesTest {

  @Test
  void should_put_the_price_before_the_quantity_so_a_restock_never_goes_live_at_the_old_price() {
    SkuChange change = new SkuChange(UUID.randomUUID(), "A1PA6795UKMFR9", "SKU-1", Optional.of(new BigDecimal("19.99")),
        Optional.of("EUR"), Optional.of(12), Optional.of(2), List.of(1L));

    JsonArray patches = ListingPatches.of(change);

    assertThat(patches).hasSize(2);
    JsonObject price = patches.getJsonObject(0);
    assertThat(price.getString("path")).isEqualTo("/attributes/purchasable_offer");
    JsonObject offer = price.getJsonArray("value").getJsonObject(0);
    assertThat(offer.getString("marketplace_id")).isEqualTo("A1PA6795UKMFR9");
    assertThat(offer.getString("currency")).isEqualTo("EUR");
    assertThat(new BigDecimal(offer.getJsonArray("our_price").getJsonObject(0).getJsonArray("schedule").getJsonObject(0)
        .getValue("value_with_tax").toString())).isEqualByComparingTo("19.99");
    JsonObject stock = patches.getJsonObject(1);
    assertThat(stock.getString("path")).isEqualTo("/attributes/fulfillment_availability");
    JsonObject availability = stock.getJsonArray("value").getJsonObject(0);
    assertThat(availability.getString("fulfillment_channel_code")).isEqualTo("DEFAULT");
    assertThat(availability.getInteger("quantity")).isEqualTo(12);
    assertThat(availability.getInteger("lead_time_to_ship_max_days")).isEqualTo(2);
    // merge keeps what spgate does not set (restock dates, B2B prices).
    assertThat(patches.stream().map(p -> ((JsonObject) p).getString("op"))).containsOnly("merge");
  }

  @Test
  void should_send_only_the_fields_that_change() {
    SkuChange priceOnly = new SkuChange(UUID.randomUUID(), "ATVPDKIKX0DER", "SKU-2", Optional.of(new BigDecimal("5")),
        Optional.of("USD"), Optional.empty(), Optional.empty(), List.of(1L));

    assertThat(ListingPatches.of(priceOnly)).hasSize(1);
  }
}
