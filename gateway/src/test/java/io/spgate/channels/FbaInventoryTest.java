package io.spgate.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** getInventorySummaries' answer as the model describes it: fulfillable quantities by SKU, and the next page's token. */
class FbaInventoryTest {

  @Test
  void should_read_each_skus_fulfillable_quantity_and_the_next_token() {
    JsonObject answer = new JsonObject("""
        {"payload":{"granularity":{"granularityType":"Marketplace","granularityId":"ATVPDKIKX0DER"},"inventorySummaries":[
          {"asin":"B000000001","sellerSku":"A-1","totalQuantity":12,"inventoryDetails":{"fulfillableQuantity":10,
            "reservedQuantity":{"totalReservedQuantity":2}}},
          {"asin":"B000000002","sellerSku":"A-2","inventoryDetails":{"fulfillableQuantity":0}},
          {"asin":"B000000003","sellerSku":"A-3","totalQuantity":4},
          {"asin":"B000000004","inventoryDetails":{"fulfillableQuantity":4}}]},
         "pagination":{"nextToken":"seed+/=="}}""");

    FbaInventory.Page page = FbaInventory.read(answer);

    assertThat(page.fulfillable()).containsExactly(Map.entry("A-1", 10), Map.entry("A-2", 0));
    assertThat(page.nextToken()).contains("seed+/==");
  }

  @Test
  void should_end_without_a_token_or_with_an_empty_one() {
    assertThat(FbaInventory.read(new JsonObject("{\"payload\":{\"inventorySummaries\":[]}}")).nextToken()).isEmpty();
    assertThat(FbaInventory.read(new JsonObject("{\"payload\":{\"inventorySummaries\":[]},\"pagination\":{\"nextToken\":\"\"}}"))
        .nextToken()).isEmpty();
    assertThat(FbaInventory.read(new JsonObject("{}")).fulfillable()).isEmpty();
  }
}
