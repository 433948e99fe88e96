package io.spgate.simulator.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.data.Order;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.support.OfficialModels;
import io.spgate.simulator.support.ResponseSchemas;
import io.spgate.simulator.support.SimHarness;
import io.spgate.simulator.support.TestQueue;
import io.spgate.simulator.support.Waits;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** createSubscription's processingDirective: checked against the type, then honoured; LISTINGS_ITEM_STATUS_CHANGE; test sends. */
@ExtendWith(VertxExtension.class)
@Timeout(90)
class SubscriptionFiltersTest {

  private static JsonObject filter(String type) {
    return new JsonObject().put("eventFilterType", type);
  }

  private static HttpResponse<Buffer> subscribe(SimHarness harness, Seller seller, String type, String destinationId, JsonObject filter) {
    JsonObject body = new JsonObject().put("payloadVersion", type.endsWith("FINISHED") ? "2020-09-04" : "1.0")
        .put("destinationId", destinationId);
    if (filter != null) {
      body.put("processingDirective", new JsonObject().put("eventFilter", filter));
    }
    return harness.send(HttpMethod.POST, "/notifications/v1/subscriptions/" + type, harness.accessToken(seller), body);
  }

  private static String invalid(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    return response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("message");
  }

  private static long published(SimHarness harness) {
    return harness.sim().notifications().countersJson().getLong("published");
  }

  @Test
  void an_event_filter_must_fit_its_notification_type(Vertx vertx) {
    // More createSubscription calls than its burst of 5: quotas are not what this is about.
    try (SimHarness harness = SimHarness.start(vertx, new SimulatorOptions().sellers(1).elasticMq(true).quotas(false))) {
      Seller seller = harness.seller(0);
      TestQueue queue = TestQueue.create(harness, "filters-checked");
      String destinationId = queue.destinationFor(seller);
      assertThat(invalid(subscribe(harness, seller, "ORDER_CHANGE", destinationId, filter("ANY_OFFER_CHANGED"))))
          .contains("does not match");
      assertThat(invalid(subscribe(harness, seller, "ANY_OFFER_CHANGED", destinationId,
          filter("ANY_OFFER_CHANGED").put("orderChangeTypes", new JsonArray().add("OrderStatusChange"))))).contains("orderChangeTypes");
      assertThat(invalid(subscribe(harness, seller, "ORDER_CHANGE", destinationId, filter("ORDER_CHANGE")
          .put("aggregationSettings", new JsonObject().put("aggregationTimePeriod", "FiveMinutes"))))).contains("aggregationSettings");
      assertThat(invalid(subscribe(harness, seller, "ORDER_CHANGE", destinationId,
          filter("ORDER_CHANGE").put("orderChangeTypes", new JsonArray().add("Whatever"))))).contains("orderChangeTypes");
      assertThat(invalid(subscribe(harness, seller, "ANY_OFFER_CHANGED", destinationId,
          filter("ANY_OFFER_CHANGED").put("marketplaceIds", new JsonArray().add("NOT-A-MARKETPLACE"))))).contains("marketplace");
      assertThat(invalid(subscribe(harness, seller, "ANY_OFFER_CHANGED", destinationId, filter("ANY_OFFER_CHANGED")
          .put("aggregationSettings", new JsonObject().put("aggregationTimePeriod", "OneMinute"))))).contains("aggregationTimePeriod");
      assertThat(invalid(subscribe(harness, seller, "FEED_PROCESSING_FINISHED", destinationId, filter("ORDER_CHANGE"))))
          .contains("does not match");
      JsonObject expression = new JsonObject().put("payloadVersion", "1.0").put("destinationId", destinationId)
          .put("processingDirective", new JsonObject().put("eventFilter", filter("ORDER_CHANGE")).put("filterExpression", "x == 1"));
      assertThat(invalid(harness.send(HttpMethod.POST, "/notifications/v1/subscriptions/ORDER_CHANGE", harness.accessToken(seller),
          expression))).contains("mutually exclusive");

      HttpResponse<Buffer> ok = subscribe(harness, seller, "ORDER_CHANGE", destinationId,
          filter("ORDER_CHANGE").put("orderChangeTypes", new JsonArray().add("BuyerRequestedChange")));
      assertThat(ok.statusCode()).isEqualTo(200);
      JsonObject stored = harness.get("/notifications/v1/subscriptions/ORDER_CHANGE", harness.accessToken(seller)).bodyAsJsonObject()
          .getJsonObject("payload");
      assertThat(stored.getJsonObject("processingDirective").getJsonObject("eventFilter").getJsonArray("orderChangeTypes"))
          .containsExactly("BuyerRequestedChange");
    }
  }

  @Test
  void filters_let_through_only_the_change_types_and_marketplaces_they_name(Vertx vertx) {
    try (SimHarness harness = SimHarness.start(vertx, new SimulatorOptions().sellers(1).elasticMq(true))) {
      Seller seller = harness.seller(0);
      TestQueue queue = TestQueue.create(harness, "filters-honoured");
      String destinationId = queue.destinationFor(seller);
      assertThat(subscribe(harness, seller, "ORDER_CHANGE", destinationId,
          filter("ORDER_CHANGE").put("orderChangeTypes", new JsonArray().add("BuyerRequestedChange"))).statusCode()).isEqualTo(200);

      Order order = harness.sim().placeOrder(seller.sellerId());
      assertThat(published(harness)).as("an OrderStatusChange is filtered out").isZero();
      harness.sim().setOrderStatus(order.amazonOrderId(), "Canceled", "BuyerRequestedChange").orElseThrow();
      assertThat(published(harness)).isEqualTo(1);
      JsonObject message = queue.receiveUntil(all -> !all.isEmpty(), Duration.ofSeconds(20)).get(0);
      JsonObject change = message.getJsonObject("Payload").getJsonObject("OrderChangeNotification");
      assertThat(change.getString("OrderChangeType")).isEqualTo("BuyerRequestedChange");
      assertThat(change.getJsonObject("Summary").getString("OrderStatus")).isEqualTo("Canceled");

      // A marketplace filter: only offers in the marketplaces named.
      String other = seller.marketplaceIds().size() > 1 ? seller.marketplaceIds().get(1) : "A1VC38T7YXB528";
      assertThat(subscribe(harness, seller, "ANY_OFFER_CHANGED", destinationId,
          filter("ANY_OFFER_CHANGED").put("marketplaceIds", new JsonArray().add(other))).statusCode()).isEqualTo(200);
      long before = published(harness);
      patchPrice(harness, seller, firstSku(harness, seller), 2);
      assertThat(published(harness)).as("the home marketplace is not named").isEqualTo(before);
    }
  }

  @Test
  void an_aggregation_period_sends_only_the_latest_offer_change_when_it_ends(Vertx vertx) {
    // FiveMinutes at time scale 3000: 100 ms.
    try (SimHarness harness = SimHarness.start(vertx, new SimulatorOptions().sellers(1).elasticMq(true).timeScale(3000).quotas(false))) {
      Seller seller = harness.seller(0);
      TestQueue queue = TestQueue.create(harness, "aggregated");
      assertThat(subscribe(harness, seller, "ANY_OFFER_CHANGED", queue.destinationFor(seller), filter("ANY_OFFER_CHANGED")
          .put("aggregationSettings", new JsonObject().put("aggregationTimePeriod", "FiveMinutes"))).statusCode()).isEqualTo(200);
      String sku = firstSku(harness, seller);
      patchPrice(harness, seller, sku, 2);
      BigDecimal last = patchPrice(harness, seller, sku, 3);
      Waits.until(vertx, () -> harness.sim().notifications().delivered() >= 1, Duration.ofSeconds(10),
          () -> harness.sim().notifications().countersJson().encode());
      List<JsonObject> messages = queue.receiveUntil(all -> !all.isEmpty(), Duration.ofSeconds(10));
      assertThat(messages).hasSize(1);
      double price = messages.get(0).getJsonObject("Payload").getJsonObject("AnyOfferChangedNotification").getJsonArray("Offers")
          .getJsonObject(0).getJsonObject("ListingPrice").getDouble("Amount");
      assertThat(price).isEqualTo(last.doubleValue());
      assertThat(harness.sim().notifications().countersJson().getLong("published")).isEqualTo(1);
    }
  }

  @Test
  void a_listing_created_then_deleted_raises_LISTINGS_ITEM_STATUS_CHANGE_and_a_test_notification_arrives(Vertx vertx) {
    try (SimHarness harness = SimHarness.start(vertx, new SimulatorOptions().sellers(1).elasticMq(true))) {
      Seller seller = harness.seller(0);
      TestQueue queue = TestQueue.create(harness, "listings");
      String destinationId = queue.destinationFor(seller);
      queue.subscribe(seller, destinationId, "LISTINGS_ITEM_STATUS_CHANGE", null);
      String mp = seller.homeMarketplace().id();
      String token = harness.accessToken(seller);
      JsonObject put = new JsonObject().put("productType", "PRODUCT").put("attributes", new JsonObject()
          .put("item_name", new JsonArray().add(new JsonObject().put("value", "New thing").put("marketplace_id", mp)))
          .put("purchasable_offer", new JsonArray().add(new JsonObject().put("marketplace_id", mp)
              .put("currency", seller.homeMarketplace().currency()).put("our_price", new JsonArray().add(new JsonObject()
                  .put("schedule", new JsonArray().add(new JsonObject().put("value_with_tax", 12.5))))))));
      String path = "/listings/2021-08-01/items/" + seller.sellerId() + "/NEW-SKU-7?marketplaceIds=" + mp;
      assertThat(harness.send(HttpMethod.PUT, path, token, put).statusCode()).isEqualTo(200);
      assertThat(harness.send(HttpMethod.DELETE, path, token, null).statusCode()).isEqualTo(200);

      List<JsonObject> messages = queue.receiveUntil(all -> all.size() >= 2, Duration.ofSeconds(20));
      // The schema's enum says LISTINGS_ITEM_STATUS_CHANGED, its own example (and the subscription) ..._CHANGE: FACTS.md part 2, §4.
      JsonObject schema = OfficialModels.json("schemas/notifications/ListingsItemStatusChangeNotification.json");
      schema.getJsonObject("properties").getJsonObject("NotificationType").put("enum", new JsonArray().add("LISTINGS_ITEM_STATUS_CHANGE"));
      for (JsonObject message : messages) {
        assertThat(ResponseSchemas.againstDraft7(schema, message.encode())).as(message.encode()).isEmpty();
        assertThat(message.getJsonObject("Payload").getString("Sku")).isEqualTo("NEW-SKU-7");
      }
      List<JsonArray> statuses = messages.stream().map(m -> m.getJsonObject("Payload").getJsonArray("Status")).toList();
      assertThat(statuses).containsExactlyInAnyOrder(new JsonArray().add("BUYABLE").add("DISCOVERABLE"), new JsonArray().add("DELETED"));

      String grantless = harness.grantlessToken(seller.application());
      assertThat(harness.send(HttpMethod.POST, "/notifications/v1/subscriptions/ORDER_CHANGE/testNotification", grantless,
          new JsonObject().put("destinationId", destinationId)).statusCode()).isEqualTo(200);
      JsonObject test = queue.receiveUntil(all -> !all.isEmpty(), Duration.ofSeconds(20)).get(0);
      assertThat(test.getString("NotificationType")).isEqualTo("ORDER_CHANGE");
      assertThat(ResponseSchemas.againstDraft7(OfficialModels.json("schemas/notifications/OrderChangeNotification.json"), test.encode()))
          .isEmpty();
    }
  }

  private static String firstSku(SimHarness harness, Seller seller) {
    String mp = seller.homeMarketplace().id();
    return harness.get("/listings/2021-08-01/items/" + seller.sellerId() + "?marketplaceIds=" + mp + "&includedData=offers",
        harness.accessToken(seller)).bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("sku");
  }

  /** Sets the SKU's home-marketplace price to {@code factor} times its current one (near enough not to be held back). */
  private static BigDecimal patchPrice(SimHarness harness, Seller seller, String sku, int factor) {
    String mp = seller.homeMarketplace().id();
    String token = harness.accessToken(seller);
    String path = "/listings/2021-08-01/items/" + seller.sellerId() + "/" + sku + "?marketplaceIds=" + mp;
    JsonObject item = harness.get(path + "&includedData=offers", token).bodyAsJsonObject();
    BigDecimal current = new BigDecimal(item.getJsonArray("offers").getJsonObject(0).getJsonObject("price").getString("amount"));
    BigDecimal price = current.multiply(BigDecimal.valueOf(factor));
    JsonObject schedule = new JsonObject().put("schedule", new JsonArray().add(new JsonObject().put("value_with_tax", price)));
    JsonObject offer = new JsonObject().put("marketplace_id", mp).put("currency", seller.homeMarketplace().currency())
        .put("our_price", new JsonArray().add(schedule));
    HttpResponse<Buffer> response = harness.send(HttpMethod.PATCH, path, token, new JsonObject().put("productType", "PRODUCT")
        .put("patches", new JsonArray().add(new JsonObject().put("op", "replace").put("path", "/attributes/purchasable_offer")
            .put("value", new JsonArray().add(offer)))));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("ACCEPTED");
    return price;
  }
}
