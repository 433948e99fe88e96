package io.spgate.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.spgate.Eventually;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * FBA inventory read from the simulator into the mappings: every page of getInventorySummaries,
 * each mapped FBA SKU's fulfillable quantity as Amazon has it, and a quantity Amazon changed read
 * by the next sync.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventorySyncIT {

  private static final String OPERATION = "getInventorySummaries";

  private ChannelsStack stack;
  private Seller seller;
  private String marketplace;
  private String channel;

  @BeforeAll
  void start() {
    // 400 listings a seller, a third of them FBA: about three pages of 50.
    stack = ChannelsStack.start(new SimulatorOptions().sellers(1).listingsPerSeller(400).ordersPerSeller(0),
        Map.of("SPGATE_INVENTORY_SYNC_EVERY", "10s"));
    seller = stack.sellers.get(0);
    marketplace = seller.marketplaces().get(0);
    channel = seller.id() + "." + marketplace;
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void should_read_every_page_and_store_each_mapped_fba_skus_fulfillable_quantity() {
    Map<String, JsonObject> atAmazon = amazonsInventory();
    assertThat(atAmazon).hasSizeGreaterThan(100);
    long callsBefore = calls();

    HttpResponse<Buffer> imported = map(atAmazon);
    HttpResponse<Buffer> asked = stack.send(stack.gateway.client.post("/v1/channels/" + channel + "/inventory/sync"));
    JsonObject synced = Eventually.until(stack.amazon.vertx, () -> stack.channel(channel), c -> c.getValue("fbaSyncedAt") != null);
    Map<String, JsonObject> inventory = inventory();

    assertThat(imported.bodyAsJsonObject().getLong("imported")).isEqualTo(atAmazon.size() + 2);
    assertThat(asked.statusCode()).isEqualTo(202);
    assertThat(asked.bodyAsJsonObject().getString("channelId")).isEqualTo(channel);
    assertThat(synced.getString("fbaSyncedAt")).isNotNull();
    assertThat(calls() - callsBefore).as("pages read").isGreaterThanOrEqualTo((atAmazon.size() + 49) / 50);
    assertSoftly(soft -> {
      atAmazon.forEach((sku, summary) -> {
        soft.assertThat(inventory.get(sku).getInteger("fbaQuantity")).as(sku).isEqualTo(fulfillable(summary));
        soft.assertThat(inventory.get(sku).getString("fbaSyncedAt")).as(sku).isNotNull();
      });
      soft.assertThat(inventory.get("NOT-AT-AMAZON").getValue("fbaQuantity")).isNull();
      soft.assertThat(inventory.get("NOT-AT-AMAZON").getString("fbaSyncedAt")).isNotNull();
      soft.assertThat(inventory.get("OWN-STOCK").getValue("fbaQuantity")).isNull();
      soft.assertThat(inventory.get("OWN-STOCK").getValue("fbaSyncedAt")).isNull();
      soft.assertThat(inventory.get("OWN-STOCK").getString("fulfillment")).isEqualTo("MFN");
    });
  }

  @Test
  void should_read_a_quantity_amazon_changed_at_the_next_sync() {
    Map<String, JsonObject> atAmazon = amazonsInventory();
    map(atAmazon);
    JsonObject first = Eventually.until(stack.amazon.vertx, () -> stack.channel(channel), c -> c.getValue("fbaSyncedAt") != null);
    String changed = atAmazon.keySet().iterator().next();
    String unchanged = atAmazon.keySet().stream().skip(atAmazon.size() - 1).findFirst().orElseThrow();
    int counted = fulfillable(atAmazon.get(changed)) + 7;
    assertThat(stack.amazon.simulator.setFulfillableQuantity(seller.sellingPartnerId(), changed, counted)).isPresent();

    HttpResponse<Buffer> asked = stack.send(stack.gateway.client.post("/v1/channels/" + channel + "/inventory/sync"));
    Map<String, JsonObject> inventory = Eventually.until(stack.amazon.vertx, this::inventory,
        items -> Integer.valueOf(counted).equals(items.get(changed).getInteger("fbaQuantity")));
    JsonObject after = stack.channel(channel);

    assertThat(asked.statusCode()).isEqualTo(202);
    assertThat(inventory.get(changed).getInteger("fbaQuantity")).isEqualTo(counted);
    assertThat(inventory.get(unchanged).getInteger("fbaQuantity")).isEqualTo(fulfillable(atAmazon.get(unchanged)));
    assertThat(Instant.parse(after.getString("fbaSyncedAt"))).isAfter(Instant.parse(first.getString("fbaSyncedAt")));
    assertThat(Instant.parse(inventory.get(unchanged).getString("fbaSyncedAt"))).isAfterOrEqualTo(Instant.parse(after.getString("fbaSyncedAt")));
  }

  /** Maps every FBA SKU Amazon has on the channel, one FBA SKU Amazon does not have and one MFN SKU. */
  private HttpResponse<Buffer> map(Map<String, JsonObject> atAmazon) {
    StringBuilder mappings = new StringBuilder();
    atAmazon.forEach((sku, summary) -> mappings.append(new JsonObject().put("sku", sku).put("asin", summary.getString("asin"))
        .put("fulfillment", "FBA").encode()).append('\n'));
    mappings.append("{\"sku\":\"NOT-AT-AMAZON\",\"asin\":\"B00NOTHERE\",\"fulfillment\":\"FBA\"}\n");
    mappings.append("{\"sku\":\"OWN-STOCK\",\"asin\":\"B00OWNSTCK\",\"fulfillment\":\"MFN\"}\n");
    HttpResponse<Buffer> imported = stack.importMappings(channel, "application/x-ndjson", mappings.toString());
    assertThat(imported.statusCode()).as(imported.bodyAsString()).isEqualTo(200);
    return imported;
  }

  private static int fulfillable(JsonObject summary) {
    return summary.getJsonObject("inventoryDetails").getInteger("fulfillableQuantity");
  }

  /** The channel's inventory through the gateway, every page, by SKU. */
  private Map<String, JsonObject> inventory() {
    Map<String, JsonObject> bySku = new LinkedHashMap<>();
    String cursor = null;
    do {
      var request = stack.gateway.client.get("/v1/channels/" + channel + "/inventory").addQueryParam("limit", "100");
      if (cursor != null) {
        request.addQueryParam("cursor", cursor);
      }
      JsonObject page = stack.send(request).bodyAsJsonObject();
      assertThat(page.containsKey("syncedAt")).isTrue();
      page.getJsonArray("items").forEach(item -> bySku.put(((JsonObject) item).getString("sku"), (JsonObject) item));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    return bySku;
  }

  /** What Amazon holds for the seller on the marketplace, read through the pass-through, every page. */
  private Map<String, JsonObject> amazonsInventory() {
    Map<String, JsonObject> bySku = new LinkedHashMap<>();
    String token = null;
    do {
      var request = stack.gateway.client.get("/v1/sellers/" + seller.id() + "/sp-api/fba/inventory/v1/summaries")
          .addQueryParam("details", "true").addQueryParam("granularityType", "Marketplace").addQueryParam("granularityId", marketplace)
          .addQueryParam("marketplaceIds", marketplace);
      if (token != null) {
        request.addQueryParam("nextToken", token);
      }
      HttpResponse<Buffer> answer = stack.send(request);
      assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
      JsonObject body = answer.bodyAsJsonObject();
      for (Object summary : body.getJsonObject("payload").getJsonArray("inventorySummaries", new JsonArray())) {
        bySku.put(((JsonObject) summary).getString("sellerSku"), (JsonObject) summary);
      }
      JsonObject pagination = body.getJsonObject("pagination");
      token = pagination == null ? null : pagination.getString("nextToken");
    } while (token != null);
    return bySku;
  }

  private long calls() {
    return stack.amazon.simulator.stats().count(seller.sellingPartnerId(), OPERATION, "2xx");
  }
}
