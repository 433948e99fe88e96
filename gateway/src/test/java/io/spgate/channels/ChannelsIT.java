package io.spgate.channels;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Channels (a seller on each of its marketplaces) and their mappings one at a time, against a real
 * gateway and database: what a channel shows, every rule a mapping must keep with its code, pages
 * by SKU, and another tenant's channels out of reach.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelsIT {

  private ChannelsStack stack;
  private Seller us;
  private Seller jp;

  @BeforeAll
  void start() {
    stack = ChannelsStack.start(new SimulatorOptions().sellers(3).listingsPerSeller(10).ordersPerSeller(0), Map.of());
    us = stack.registerSeller("AUSSELLER01", "na", "ATVPDKIKX0DER");
    jp = stack.registerSeller("AJAPANSELLER1", "fe", "A1VC38T7YXB528");
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void should_list_a_channel_for_each_seller_and_marketplace_in_cursor_pages_sellers_as_registered_marketplaces_by_id() {
    List<JsonObject> seen = new ArrayList<>();
    String cursor = null;
    do {
      var request = stack.gateway.client.get("/v1/channels").addQueryParam("limit", "2");
      if (cursor != null) {
        request.addQueryParam("cursor", cursor);
      }
      JsonObject page = stack.send(request).bodyAsJsonObject();
      page.getJsonArray("items").forEach(item -> seen.add((JsonObject) item));
      cursor = page.getString("nextCursor");
    } while (cursor != null);

    List<String> expected = new ArrayList<>();
    Stream.concat(stack.sellers.stream(), Stream.of(us, jp))
        .forEach(s -> s.marketplaces().stream().sorted().forEach(m -> expected.add(s.id() + "." + m)));
    assertThat(seen).extracting(c -> c.getString("id")).containsExactlyElementsOf(expected);
    JsonObject japan = seen.get(seen.size() - 1);
    assertSoftly(soft -> {
      soft.assertThat(japan.getString("sellerId")).isEqualTo(jp.id().toString());
      soft.assertThat(japan.getString("sellingPartnerId")).isEqualTo("AJAPANSELLER1");
      soft.assertThat(japan.getString("marketplaceId")).isEqualTo("A1VC38T7YXB528");
      soft.assertThat(japan.getString("marketplace")).isEqualTo("JP");
      soft.assertThat(japan.getString("region")).isEqualTo("fe");
      soft.assertThat(japan.getString("currency")).isEqualTo("JPY");
      soft.assertThat(japan.getString("sellerStatus")).isEqualTo("active");
      soft.assertThat(japan.getLong("mappings")).isZero();
      soft.assertThat(japan.containsKey("fbaSyncedAt")).isTrue();
      soft.assertThat(japan.getValue("fbaSyncedAt")).isNull();
    });
  }

  @Test
  void should_filter_channels_by_seller_marketplace_and_selling_partner_id() {
    Seller first = stack.sellers.get(0);
    JsonObject bySeller = stack.send(stack.gateway.client.get("/v1/channels").addQueryParam("sellerId", first.id().toString()))
        .bodyAsJsonObject();
    JsonObject byMarketplace = stack.send(stack.gateway.client.get("/v1/channels").addQueryParam("marketplaceId", "A1VC38T7YXB528"))
        .bodyAsJsonObject();
    JsonObject byPrefix = stack.send(stack.gateway.client.get("/v1/channels").addQueryParam("q", "ajapan")).bodyAsJsonObject();

    assertThat(bySeller.getJsonArray("items")).hasSize(first.marketplaces().size());
    assertThat(byMarketplace.getJsonArray("items")).extracting(c -> ((JsonObject) c).getString("sellerId"))
        .contains(jp.id().toString());
    assertThat(byPrefix.getJsonArray("items")).extracting(c -> ((JsonObject) c).getString("id"))
        .containsExactly(ChannelsStack.channelId(jp));
  }

  @Test
  void should_answer_404_for_a_malformed_channel_id_or_a_marketplace_the_seller_does_not_have() {
    Seller first = stack.sellers.get(0);
    for (String id : List.of("nonsense", first.id().toString(), first.id() + ".", first.id() + ".XXXX", first.id() + ".A1VC38T7YXB528",
        UUID.randomUUID() + "." + first.marketplaces().get(0), first.id().toString().toUpperCase() + "x." + first.marketplaces().get(0))) {
      HttpResponse<Buffer> answer = stack.send(stack.gateway.client.get("/v1/channels/" + URLEncoder.encode(id, StandardCharsets.UTF_8)));
      assertThat(answer.statusCode()).as(id).isEqualTo(404);
      assertThat(answer.bodyAsJsonObject().getString("code")).isEqualTo("not_found");
    }
  }

  @Test
  void should_put_read_list_and_delete_a_mapping_whose_sku_needs_encoding() {
    String channel = usChannel();
    String sku = "Red shirt/XL #7";
    String path = "/v1/channels/" + channel + "/mappings/" + URLEncoder.encode(sku, StandardCharsets.UTF_8).replace("+", "%20");
    JsonObject body = new JsonObject().put("asin", "B00TEST001").put("fulfillment", "MFN")
        .put("guardrails", new JsonObject().put("minPrice", 9.99).put("maxPrice", "19.9").put("stockBuffer", 2));

    long before = stack.channel(channel).getLong("mappings");
    HttpResponse<Buffer> put = stack.send(stack.gateway.client.put(path), body);
    HttpResponse<Buffer> got = stack.send(stack.gateway.client.get(path));
    long counted = stack.channel(channel).getLong("mappings");
    HttpResponse<Buffer> deleted = stack.send(stack.gateway.client.delete(path));
    HttpResponse<Buffer> gone = stack.send(stack.gateway.client.get(path));

    assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
    JsonObject mapping = put.bodyAsJsonObject();
    assertSoftly(soft -> {
      soft.assertThat(mapping.getString("channelId")).isEqualTo(channel);
      soft.assertThat(mapping.getString("sku")).isEqualTo(sku);
      soft.assertThat(mapping.getString("asin")).isEqualTo("B00TEST001");
      soft.assertThat(mapping.getString("fulfillment")).isEqualTo("MFN");
      soft.assertThat(mapping.getString("conflictStrategy")).isEqualTo("master_wins");
      soft.assertThat(mapping.getString("productType")).isEqualTo("PRODUCT");
      soft.assertThat(mapping.getJsonObject("guardrails").encode())
          .isEqualTo("{\"minPrice\":9.99,\"maxPrice\":19.9,\"maxChangePercent\":null,\"stockBuffer\":2,\"maxQuantity\":null}");
      soft.assertThat(mapping.getValue("lastPrice")).isNull();
      soft.assertThat(mapping.getValue("listedQuantity")).isNull();
      soft.assertThat(mapping.getValue("fbaQuantity")).isNull();
      soft.assertThat(mapping.getString("updatedAt")).isNotBlank();
      soft.assertThat(got.bodyAsJsonObject()).isEqualTo(mapping);
      soft.assertThat(counted).isEqualTo(before + 1);
      soft.assertThat(deleted.statusCode()).isEqualTo(204);
      soft.assertThat(gone.statusCode()).isEqualTo(404);
    });
  }

  @Test
  void should_keep_what_amazon_took_value_by_value_an_older_record_never_overwriting_a_newer_one() {
    String channel = usChannel();
    String path = "/v1/channels/" + channel + "/mappings/TAKEN-1";
    stack.send(stack.gateway.client.put(path), new JsonObject().put("asin", "B00TAKEN01").put("fulfillment", "MFN"));
    SkuKey key = new SkuKey(us.id(), us.marketplaces().get(0), "TAKEN-1");
    Instant noon = Instant.parse("2026-06-01T12:00:00Z");
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    MappingStore mappings = new MappingStore(stack.postgres.pool(vertx, 1));
    try {
      await(mappings.recordTaken(Map.of(key, new BigDecimal("20.00")), Map.of(key, 5), noon));
      // Older: neither value goes back. Newer quantity alone: the price stays as it was.
      await(mappings.recordTaken(Map.of(key, new BigDecimal("18.00")), Map.of(key, 4), noon.minusSeconds(60)));
      await(mappings.recordTaken(Map.of(), Map.of(key, 9), noon.plusSeconds(60)));
      // A newer price with an older quantity: the price moves, the quantity does not.
      await(mappings.recordTaken(Map.of(key, new BigDecimal("21.50")), Map.of(), noon.plusSeconds(120)));
      await(mappings.recordTaken(Map.of(), Map.of(key, 7), noon.plusSeconds(30)));
    } finally {
      await(vertx.close());
    }

    JsonObject mapping = stack.send(stack.gateway.client.get(path)).bodyAsJsonObject();
    assertSoftly(soft -> {
      soft.assertThat(new BigDecimal(mapping.getJsonObject("lastPrice").getValue("amount").toString())).isEqualByComparingTo("21.50");
      soft.assertThat(mapping.getString("lastPriceAt")).isEqualTo(noon.plusSeconds(120).toString());
      soft.assertThat(mapping.getInteger("listedQuantity")).isEqualTo(9);
      soft.assertThat(mapping.getString("listedAt")).isEqualTo(noon.plusSeconds(60).toString());
    });
  }

  @Test
  void should_take_a_mapping_answer_back_as_it_came_and_flat_guardrails() {
    String channel = usChannel();
    String path = "/v1/channels/" + channel + "/mappings/FLAT-1";
    JsonObject first = stack.send(stack.gateway.client.put(path), new JsonObject().put("sku", "FLAT-1").put("asin", "B00TEST002")
        .put("fulfillment", "fba").put("conflictStrategy", "channel_wins").put("maxQuantity", 5).put("maxChangePercent", 25))
        .bodyAsJsonObject();
    HttpResponse<Buffer> again = stack.send(stack.gateway.client.put(path), first.copy().put("productType", "SHIRT"));

    assertThat(first.getString("fulfillment")).isEqualTo("FBA");
    assertThat(first.getJsonObject("guardrails").getInteger("maxQuantity")).isEqualTo(5);
    assertThat(first.getJsonObject("guardrails").getValue("maxChangePercent")).hasToString("25");
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getString("productType")).isEqualTo("SHIRT");
    assertThat(again.bodyAsJsonObject().getString("conflictStrategy")).isEqualTo("channel_wins");
  }

  static Stream<Arguments> refusals() {
    JsonObject valid = new JsonObject().put("asin", "B00TEST003").put("fulfillment", "MFN");
    return Stream.of(
        Arguments.of("US", "TOOLONG", valid.copy().put("sku", "x".repeat(41)), "invalid_field"),
        Arguments.of("US", "x".repeat(41), valid, "sku_invalid"),
        Arguments.of("US", "%20LEADING", valid, "sku_invalid"),
        Arguments.of("US", "OK-1", valid.copy().put("asin", "b00test003"), "asin_invalid"),
        Arguments.of("US", "OK-1", new JsonObject().put("fulfillment", "MFN"), "asin_invalid"),
        Arguments.of("US", "OK-1", valid.copy().put("fulfillment", "SFP"), "fulfillment_invalid"),
        Arguments.of("US", "OK-1", new JsonObject().put("asin", "B00TEST003"), "fulfillment_invalid"),
        Arguments.of("US", "OK-1", valid.copy().put("conflictStrategy", "channel_wins"), "conflict_strategy_invalid"),
        Arguments.of("US", "OK-1", valid.copy().put("conflictStrategy", "latest_wins"), "conflict_strategy_invalid"),
        Arguments.of("US", "OK-1", valid.copy().put("productType", "t-shirt"), "product_type_invalid"),
        Arguments.of("US", "OK-1", valid.copy().put("minPrice", 0), "price_invalid"),
        Arguments.of("US", "OK-1", valid.copy().put("maxPrice", -5), "price_invalid"),
        Arguments.of("US", "OK-1", valid.copy().put("maxPrice", 1.234), "price_invalid"),
        Arguments.of("US", "OK-1", valid.copy().put("maxPrice", "cheap"), "price_invalid"),
        Arguments.of("JP", "OK-1", valid.copy().put("minPrice", 100.5), "price_invalid"),
        Arguments.of("US", "OK-1", valid.copy().put("minPrice", 20).put("maxPrice", 10), "price_range_invalid"),
        Arguments.of("US", "OK-1", valid.copy().put("maxChangePercent", 0), "max_change_percent_invalid"),
        Arguments.of("US", "OK-1", valid.copy().put("maxChangePercent", 1000.01), "max_change_percent_invalid"),
        Arguments.of("US", "OK-1", valid.copy().put("stockBuffer", -1), "stock_buffer_invalid"),
        Arguments.of("US", "OK-1", valid.copy().put("stockBuffer", 1.5), "stock_buffer_invalid"),
        Arguments.of("US", "OK-1", valid.copy().put("maxQuantity", -1), "max_quantity_invalid"),
        Arguments.of("US", "OK-1", valid.copy().put("maxQuantity", 3_000_000_000L), "max_quantity_invalid"),
        Arguments.of("US", "OK-1", valid.copy().put("colour", "red"), "invalid_field"),
        Arguments.of("US", "OK-1", valid.copy().put("minPrice", 1).put("guardrails", new JsonObject().put("minPrice", 2)), "invalid_field"),
        Arguments.of("US", "OK-1", valid.copy().put("channelId", "another"), "invalid_field"));
  }

  @ParameterizedTest(name = "{3}: {2}")
  @MethodSource("refusals")
  void should_refuse_a_mapping_that_breaks_a_rule_with_its_code(String marketplace, String sku, JsonObject body, String code) {
    String channel = marketplace.equals("JP") ? ChannelsStack.channelId(jp) : usChannel();
    HttpResponse<Buffer> answer = stack.send(stack.gateway.client.put("/v1/channels/" + channel + "/mappings/" + sku), body);

    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(400);
    assertThat(answer.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.bodyAsJsonObject().getString("code")).isEqualTo(code);
  }

  @Test
  void should_take_whole_yen_on_a_japanese_channel() {
    HttpResponse<Buffer> answer = stack.send(stack.gateway.client.put("/v1/channels/" + ChannelsStack.channelId(jp) + "/mappings/YEN-1"),
        new JsonObject().put("asin", "B00TEST004").put("fulfillment", "MFN").put("minPrice", 1500).put("maxPrice", "2000.0"));

    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    assertThat(answer.bodyAsJsonObject().getJsonObject("guardrails").encode()).startsWith("{\"minPrice\":1500,\"maxPrice\":2000,");
  }

  @Test
  void should_page_mappings_by_sku_filtered_by_prefix_and_fulfillment() {
    String channel = ChannelsStack.channelId(stack.sellers.get(2));
    for (String sku : List.of("B-2", "A-1", "A-3", "A-2", "a-4")) {
      stack.send(stack.gateway.client.put("/v1/channels/" + channel + "/mappings/" + sku),
          new JsonObject().put("asin", "B00TEST005").put("fulfillment", sku.endsWith("3") ? "FBA" : "MFN"));
    }
    List<String> paged = new ArrayList<>();
    String cursor = null;
    do {
      var request = stack.gateway.client.get("/v1/channels/" + channel + "/mappings").addQueryParam("limit", "2");
      if (cursor != null) {
        request.addQueryParam("cursor", cursor);
      }
      JsonObject page = stack.send(request).bodyAsJsonObject();
      page.getJsonArray("items").forEach(item -> paged.add(((JsonObject) item).getString("sku")));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    JsonObject prefixed = stack.send(stack.gateway.client.get("/v1/channels/" + channel + "/mappings").addQueryParam("q", "A-"))
        .bodyAsJsonObject();
    JsonObject fba = stack.send(stack.gateway.client.get("/v1/channels/" + channel + "/mappings").addQueryParam("fulfillment", "FBA"))
        .bodyAsJsonObject();
    HttpResponse<Buffer> badCursor = stack.send(stack.gateway.client.get("/v1/channels/" + channel + "/mappings")
        .addQueryParam("cursor", "%%%"));

    assertThat(paged).containsExactly("A-1", "A-2", "A-3", "B-2", "a-4");
    assertThat(prefixed.getJsonArray("items")).extracting(m -> ((JsonObject) m).getString("sku")).containsExactly("A-1", "A-2", "A-3");
    assertThat(fba.getJsonArray("items")).extracting(m -> ((JsonObject) m).getString("sku")).containsExactly("A-3");
    assertThat(badCursor.statusCode()).isEqualTo(400);
    assertThat(stack.channel(channel).getLong("mappings")).isEqualTo(5);
  }

  @Test
  void should_keep_another_tenants_channels_and_mappings_out_of_reach() {
    String channel = ChannelsStack.channelId(stack.sellers.get(0));
    stack.send(stack.gateway.client.put("/v1/channels/" + channel + "/mappings/MINE-1"),
        new JsonObject().put("asin", "B00TEST006").put("fulfillment", "FBA"));
    String base = "/v1/channels/" + channel;
    JsonObject mapping = new JsonObject().put("asin", "B00TEST006").put("fulfillment", "MFN");

    List<HttpResponse<Buffer>> answers = List.of(
        stack.asOther(stack.gateway.client.get(base), null),
        stack.asOther(stack.gateway.client.get(base + "/mappings"), null),
        stack.asOther(stack.gateway.client.get(base + "/mappings/MINE-1"), null),
        stack.asOther(stack.gateway.client.put(base + "/mappings/MINE-1"), mapping),
        stack.asOther(stack.gateway.client.delete(base + "/mappings/MINE-1"), null),
        stack.asOther(stack.gateway.client.post(base + "/mappings/import").putHeader("Content-Type", "text/csv"),
            Buffer.buffer("sku,asin,fulfillment\nMINE-1,B00TEST006,MFN\n")),
        stack.asOther(stack.gateway.client.get(base + "/inventory"), null),
        stack.asOther(stack.gateway.client.post(base + "/inventory/sync"), null));
    JsonObject theirs = stack.asOther(stack.gateway.client.get("/v1/channels"), null).bodyAsJsonObject();

    assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(404);
    assertThat(theirs.getJsonArray("items")).isEmpty();
    JsonObject kept = stack.send(stack.gateway.client.get(base + "/mappings/MINE-1")).bodyAsJsonObject();
    assertThat(kept.getString("fulfillment")).isEqualTo("FBA");
  }

  private String usChannel() {
    return ChannelsStack.channelId(us);
  }
}
