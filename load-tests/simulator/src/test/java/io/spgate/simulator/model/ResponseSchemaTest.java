package io.spgate.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.data.Order;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.support.ResponseSchemas;
import io.spgate.simulator.support.SimHarness;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Calls every served operation the way a client would and validates each answer (successes and errors) against the
 * response schema its official model declares for that status, with an independent JSON schema validator.
 */
@ExtendWith(VertxExtension.class)
@Timeout(120)
class ResponseSchemaTest {
  private SimHarness harness;
  private final Map<String, Set<Integer>> validated = new TreeMap<>();

  /** {@code operationId}: alone where it is unique, else with its api ("ordersV0.getOrder"). */
  private HttpResponse<Buffer> check(String operationId, HttpResponse<Buffer> response, int expectedStatus) {
    assertThat(response.statusCode()).as("%s: %s", operationId, response.bodyAsString()).isEqualTo(expectedStatus);
    List<ModelOperation> named = harness.sim().servedOperations().stream()
        .filter(o -> o.key().equals(operationId) || o.operationId().equals(operationId)).toList();
    assertThat(named).as("served operations named %s", operationId).hasSize(1);
    ModelOperation op = named.get(0);
    JsonObject schema = op.responseSchema(response.statusCode());
    if (schema == null) {
      assertThat(response.body() == null || response.body().length() == 0)
          .as("%s %d has no body in the model", operationId, expectedStatus).isTrue();
    } else {
      assertThat(ResponseSchemas.againstModel(op.document(), schema, response.bodyAsString()))
          .as("%s %d body %s", operationId, expectedStatus, response.bodyAsString()).isEmpty();
    }
    assertThat(response.getHeader("x-amzn-RequestId")).as(operationId).isNotBlank();
    validated.computeIfAbsent(op.key(), k -> new TreeSet<>()).add(expectedStatus);
    return response;
  }

  private HttpResponse<Buffer> call(String operationId, HttpMethod method, String path, String token, JsonObject body, int status) {
    return check(operationId, harness.send(method, path, token, body), status);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void every_served_operation_answers_in_the_shape_of_its_model(Vertx vertx) {
    harness = SimHarness.start(vertx, new SimulatorOptions().sellers(3).timeScale(1000));
    try {
      Seller seller = harness.sellerIn("na");
      String mp = seller.homeMarketplace().id();
      String token = harness.accessToken(seller);

      call("getMarketplaceParticipations", HttpMethod.GET, "/sellers/v1/marketplaceParticipations", token, null, 200);
      ordersOperations(seller, mp, token);
      orders2026Operations(seller, mp, token);
      String sku = listingsOperations(seller, mp, token);
      feedsOperations(seller, mp, token, sku);
      reportsOperations(mp, token);
      pricingOperations(seller, mp, token, sku);
      call("getInventorySummaries", HttpMethod.GET,
          "/fba/inventory/v1/summaries?details=true&granularityType=Marketplace&granularityId=" + mp + "&marketplaceIds=" + mp,
          token, null, 200);
      call("getInventorySummaries", HttpMethod.GET,
          "/fba/inventory/v1/summaries?granularityType=Country&granularityId=" + mp + "&marketplaceIds=" + mp, token, null, 400);
      notificationsOperations(seller, token);

      Set<String> served = harness.sim().servedOperations().stream().map(ModelOperation::key).collect(Collectors.toSet());
      assertThat(validated.keySet()).containsAll(served);
    } finally {
      harness.close();
    }
  }

  @Test
  void the_validator_rejects_bodies_that_break_the_model() {
    ModelOperation getOrders = ModelCatalog.load().require("ordersV0", "getOrders");
    JsonObject schema = getOrders.responseSchema(200);
    assertThat(ResponseSchemas.againstModel(getOrders.document(), schema, "{\"payload\":{\"Orders\":[]}}")).isEmpty();
    assertThat(ResponseSchemas.againstModel(getOrders.document(), schema, "{\"payload\":{}}")).isNotEmpty();
    assertThat(ResponseSchemas.againstModel(getOrders.document(), schema,
        "{\"payload\":{\"Orders\":[{\"AmazonOrderId\":\"1\",\"PurchaseDate\":\"x\",\"LastUpdateDate\":\"x\",\"OrderStatus\":\"Lost\"}]}}"))
        .isNotEmpty();
  }

  private void ordersOperations(Seller seller, String mp, String token) {
    HttpResponse<Buffer> page1 = call("getOrders", HttpMethod.GET,
        "/orders/v0/orders?MarketplaceIds=" + mp + "&CreatedAfter=2020-01-01T00:00:00Z&MaxResultsPerPage=2", token, null, 200);
    JsonObject payload = page1.bodyAsJsonObject().getJsonObject("payload");
    assertThat(payload.getJsonArray("Orders")).hasSize(2);
    call("getOrders", HttpMethod.GET,
        "/orders/v0/orders?MarketplaceIds=" + mp + "&NextToken=" + enc(payload.getString("NextToken")), token, null, 200);
    call("getOrders", HttpMethod.GET, "/orders/v0/orders?CreatedAfter=2020-01-01T00:00:00Z", token, null, 400);
    call("getOrders", HttpMethod.GET,
        "/orders/v0/orders?MarketplaceIds=" + mp + "&CreatedAfter=2020-01-01T00:00:00Z&MaxResultsPerPage=x", token, null, 400);
    call("getOrders", HttpMethod.GET,
        "/orders/v0/orders?MarketplaceIds=" + mp + "&CreatedAfter=2020-01-01T00:00:00Z&OrderStatuses=Lost", token, null, 400);
    call("getOrders", HttpMethod.GET, "/orders/v0/orders?MarketplaceIds=" + mp + "&CreatedAfter=yesterday", token, null, 400);

    String orderId = payload.getJsonArray("Orders").getJsonObject(0).getString("AmazonOrderId");
    call("ordersV0.getOrder", HttpMethod.GET, "/orders/v0/orders/" + orderId, token, null, 200);
    call("ordersV0.getOrder", HttpMethod.GET, "/orders/v0/orders/000-0000000-0000000", token, null, 404);
    call("getOrderItems", HttpMethod.GET, "/orders/v0/orders/" + orderId + "/orderItems", token, null, 200);
    call("getOrderAddress", HttpMethod.GET, "/orders/v0/orders/" + orderId + "/address", token, null, 403);

    JsonObject rdtRequest = new JsonObject().put("restrictedResources", new JsonArray()
        .add(new JsonObject().put("method", "GET").put("path", "/orders/v0/orders/{orderId}/address"))
        .add(new JsonObject().put("method", "GET").put("path", "/orders/v0/orders/" + orderId + "/buyerInfo"))
        .add(new JsonObject().put("method", "GET").put("path", "/orders/v0/orders/{orderId}")
            .put("dataElements", new JsonArray().add("buyerInfo").add("shippingAddress"))));
    String rdt = call("createRestrictedDataToken", HttpMethod.POST, "/tokens/2021-03-01/restrictedDataToken", token, rdtRequest, 200)
        .bodyAsJsonObject().getString("restrictedDataToken");
    call("createRestrictedDataToken", HttpMethod.POST, "/tokens/2021-03-01/restrictedDataToken", token, new JsonObject(), 400);
    JsonObject address = call("getOrderAddress", HttpMethod.GET, "/orders/v0/orders/" + orderId + "/address", rdt, null, 200)
        .bodyAsJsonObject();
    assertThat(address.getJsonObject("payload").getJsonObject("ShippingAddress").getString("Name")).isNotBlank();
    call("getOrderBuyerInfo", HttpMethod.GET, "/orders/v0/orders/" + orderId + "/buyerInfo", rdt, null, 200);
    JsonObject withPii = call("ordersV0.getOrder", HttpMethod.GET, "/orders/v0/orders/" + orderId, rdt, null, 200)
        .bodyAsJsonObject().getJsonObject("payload");
    assertThat(withPii.getJsonObject("BuyerInfo").getString("BuyerEmail")).contains("@");

    Order order = harness.sim().placeOrder(seller.sellerId(), "Unshipped", "MFN");
    JsonArray items = new JsonArray();
    order.items().forEach(i -> items.add(new JsonObject().put("orderItemId", i.orderItemId()).put("quantity", i.quantityOrdered())));
    JsonObject confirm = new JsonObject().put("marketplaceId", order.marketplace().id()).put("packageDetail", new JsonObject()
        .put("packageReferenceId", "1").put("carrierCode", "UPS").put("trackingNumber", "1Z999").put("shipDate", "2024-01-01T00:00:00Z")
        .put("orderItems", items));
    call("confirmShipment", HttpMethod.POST, "/orders/v0/orders/" + order.amazonOrderId() + "/shipmentConfirmation", token, confirm, 204);
    call("confirmShipment", HttpMethod.POST, "/orders/v0/orders/" + order.amazonOrderId() + "/shipmentConfirmation", token, confirm, 400);
    JsonObject shipped = harness.get("/orders/v0/orders/" + order.amazonOrderId(), token).bodyAsJsonObject().getJsonObject("payload");
    assertThat(shipped.getString("OrderStatus")).isEqualTo("Shipped");
  }

  private void orders2026Operations(Seller seller, String mp, String token) {
    String search = "/orders/2026-01-01/orders?";
    String all = "&includedData=BUYER,RECIPIENT,PROCEEDS,FULFILLMENT,PACKAGES";
    JsonObject first = call("searchOrders", HttpMethod.GET,
        search + "createdAfter=2020-01-01T00:00:00Z&maxResultsPerPage=2&marketplaceIds=" + mp + all, token, null, 200).bodyAsJsonObject();
    assertThat(first.getJsonArray("orders")).hasSize(2);
    assertThat(first.getString("createdBefore")).isNotBlank();
    String next = first.getJsonObject("pagination").getString("nextToken");
    call("searchOrders", HttpMethod.GET, search + "paginationToken=" + enc(next), token, null, 200);
    call("searchOrders", HttpMethod.GET, search + "lastUpdatedAfter=2020-01-01T00:00:00Z&fulfillmentStatuses=SHIPPED,UNSHIPPED"
        + "&fulfilledBy=MERCHANT", token, null, 200);
    call("searchOrders", HttpMethod.GET, search + "createdAfter=2020-01-01T00:00:00Z&lastUpdatedAfter=2020-01-01T00:00:00Z",
        token, null, 400);
    call("searchOrders", HttpMethod.GET, search + "createdAfter=" + enc("2020-01-01T09:00:00+09:00"), token, null, 400);
    call("searchOrders", HttpMethod.GET, search + "createdAfter=2020-01-01T00:00:00Z&includedData=EVERYTHING", token, null, 400);
    call("searchOrders", HttpMethod.GET, search + "createdAfter=2020-01-01T00:00:00Z&maxResultsPerPage=101", token, null, 400);

    String orderId = first.getJsonArray("orders").getJsonObject(0).getString("orderId");
    JsonObject order = call("orders_2026-01-01.getOrder", HttpMethod.GET, "/orders/2026-01-01/orders/" + orderId + "?" + all.substring(1),
        token, null, 200).bodyAsJsonObject().getJsonObject("order");
    assertThat(order.getJsonObject("fulfillment").getString("fulfillmentStatus")).isNotBlank();
    call("orders_2026-01-01.getOrder", HttpMethod.GET, "/orders/2026-01-01/orders/000-0000000-0000000", token, null, 404);
  }

  private String listingsOperations(Seller seller, String mp, String token) {
    String base = "/listings/2021-08-01/items/" + seller.sellerId();
    JsonObject search = call("searchListingsItems", HttpMethod.GET,
        base + "?marketplaceIds=" + mp + "&includedData=summaries,offers&pageSize=5", token, null, 200).bodyAsJsonObject();
    assertThat(search.getJsonArray("items")).hasSize(5);
    String sku = search.getJsonArray("items").getJsonObject(0).getString("sku");
    call("searchListingsItems", HttpMethod.GET,
        base + "?marketplaceIds=" + mp + "&pageToken=" + enc(search.getJsonObject("pagination").getString("nextToken")), token, null, 200);
    call("getListingsItem", HttpMethod.GET, base + "/" + enc(sku) + "?marketplaceIds=" + mp
        + "&includedData=summaries,attributes,issues,offers,fulfillmentAvailability,productTypes", token, null, 200);
    call("getListingsItem", HttpMethod.GET, base + "/" + enc(sku) + "?marketplaceIds=" + mp + "&includedData=everything", token, null, 400);
    call("getListingsItem", HttpMethod.GET, base + "/NO-SUCH-SKU?marketplaceIds=" + mp, token, null, 404);

    JsonObject put = new JsonObject().put("productType", "PRODUCT").put("attributes", new JsonObject()
        .put("item_name", new JsonArray().add(new JsonObject().put("value", "New thing").put("marketplace_id", mp)))
        .put("purchasable_offer", new JsonArray().add(new JsonObject().put("marketplace_id", mp).put("currency", "USD")
            .put("our_price", new JsonArray().add(new JsonObject()
                .put("schedule", new JsonArray().add(new JsonObject().put("value_with_tax", 12.5))))))));
    call("putListingsItem", HttpMethod.PUT, base + "/NEW-SKU-1?marketplaceIds=" + mp, token, put, 200);
    JsonObject patch = new JsonObject().put("productType", "PRODUCT").put("patches", new JsonArray().add(new JsonObject()
        .put("op", "replace").put("path", "/attributes/fulfillment_availability")
        .put("value", new JsonArray().add(new JsonObject().put("fulfillment_channel_code", "DEFAULT").put("quantity", 7)))));
    JsonObject patched = call("patchListingsItem", HttpMethod.PATCH, base + "/NEW-SKU-1?marketplaceIds=" + mp, token, patch, 200)
        .bodyAsJsonObject();
    assertThat(patched.getString("status")).isEqualTo("ACCEPTED");
    call("patchListingsItem", HttpMethod.PATCH, base + "/NEW-SKU-1?marketplaceIds=" + mp, token,
        new JsonObject().put("productType", "PRODUCT"), 400);
    call("deleteListingsItem", HttpMethod.DELETE, base + "/NEW-SKU-1?marketplaceIds=" + mp, token, null, 200);
    call("deleteListingsItem", HttpMethod.DELETE, base + "/NEW-SKU-1", token, null, 400);
    call("getListingsItem", HttpMethod.GET,
        "/listings/2021-08-01/items/AOTHERSELLER/" + enc(sku) + "?marketplaceIds=" + mp, token, null, 403);
    return sku;
  }

  private void feedsOperations(Seller seller, String mp, String token, String sku) {
    JsonObject doc = call("createFeedDocument", HttpMethod.POST, "/feeds/2021-06-30/documents", token,
        new JsonObject().put("contentType", "application/json; charset=UTF-8"), 201).bodyAsJsonObject();
    JsonObject feedBody = new JsonObject().put("header", new JsonObject().put("sellerId", seller.sellerId()).put("version", "2.0"))
        .put("messages", new JsonArray().add(new JsonObject().put("messageId", 1).put("sku", sku).put("operationType", "PATCH")
            .put("productType", "PRODUCT")
            .put("patches", new JsonArray().add(new JsonObject().put("op", "replace").put("path", "/attributes/fulfillment_availability")
                .put("value", new JsonArray().add(new JsonObject().put("fulfillment_channel_code", "DEFAULT").put("quantity", 3)))))));
    HttpResponse<Buffer> upload = harness.client().putAbs(doc.getString("url")).putHeader("content-type", "application/json; charset=UTF-8")
        .sendBuffer(feedBody.toBuffer()).await();
    assertThat(upload.statusCode()).isEqualTo(200);
    JsonObject spec = new JsonObject().put("feedType", "JSON_LISTINGS_FEED").put("marketplaceIds", new JsonArray().add(mp))
        .put("inputFeedDocumentId", doc.getString("feedDocumentId"));
    String feedId = call("createFeed", HttpMethod.POST, "/feeds/2021-06-30/feeds", token, spec, 202).bodyAsJsonObject().getString("feedId");
    call("createFeed", HttpMethod.POST, "/feeds/2021-06-30/feeds", token, spec.copy().put("marketplaceIds", "not-a-list"), 400);
    HttpResponse<Buffer> done = harness.pollUntil("/feeds/2021-06-30/feeds/" + feedId, token,
        r -> "DONE".equals(r.bodyAsJsonObject().getString("processingStatus")), Duration.ofSeconds(10));
    check("getFeed", done, 200);
    call("getFeed", HttpMethod.GET, "/feeds/2021-06-30/feeds/999", token, null, 404);
    JsonObject listed = call("getFeeds", HttpMethod.GET, "/feeds/2021-06-30/feeds?feedTypes=JSON_LISTINGS_FEED&pageSize=1", token, null, 200)
        .bodyAsJsonObject();
    assertThat(listed.getJsonArray("feeds").getJsonObject(0).getString("feedId")).isEqualTo(feedId);
    call("getFeeds", HttpMethod.GET, "/feeds/2021-06-30/feeds?pageSize=1", token, null, 400);
    call("getFeedDocument", HttpMethod.GET,
        "/feeds/2021-06-30/documents/" + done.bodyAsJsonObject().getString("resultFeedDocumentId"), token, null, 200);
    call("cancelFeed", HttpMethod.DELETE, "/feeds/2021-06-30/feeds/" + feedId, token, null, 400);
  }

  private void reportsOperations(String mp, String token) {
    JsonObject spec = new JsonObject().put("reportType", "GET_MERCHANT_LISTINGS_ALL_DATA").put("marketplaceIds", new JsonArray().add(mp));
    String reportId = call("createReport", HttpMethod.POST, "/reports/2021-06-30/reports", token, spec, 202)
        .bodyAsJsonObject().getString("reportId");
    call("createReport", HttpMethod.POST, "/reports/2021-06-30/reports", token,
        new JsonObject().put("reportType", "GET_MERCHANT_LISTINGS_ALL_DATA"), 400);
    HttpResponse<Buffer> done = harness.pollUntil("/reports/2021-06-30/reports/" + reportId, token,
        r -> "DONE".equals(r.bodyAsJsonObject().getString("processingStatus")), Duration.ofSeconds(10));
    check("getReport", done, 200);
    call("getReports", HttpMethod.GET,
        "/reports/2021-06-30/reports?reportTypes=GET_MERCHANT_LISTINGS_ALL_DATA&processingStatuses=DONE", token, null, 200);
    call("getReports", HttpMethod.GET,
        "/reports/2021-06-30/reports?reportTypes=GET_MERCHANT_LISTINGS_ALL_DATA&processingStatuses=FINISHED", token, null, 400);
    JsonObject document = call("getReportDocument", HttpMethod.GET,
            "/reports/2021-06-30/documents/" + done.bodyAsJsonObject().getString("reportDocumentId"), token, null, 200)
        .bodyAsJsonObject();
    assertThat(document.getString("compressionAlgorithm")).isEqualTo("GZIP");
    call("getReportDocument", HttpMethod.GET, "/reports/2021-06-30/documents/nope", token, null, 404);
    call("cancelReport", HttpMethod.DELETE, "/reports/2021-06-30/reports/" + reportId, token, null, 400);
  }

  private void pricingOperations(Seller seller, String mp, String token, String sku) {
    JsonObject listing = harness.get("/listings/2021-08-01/items/" + seller.sellerId() + "/" + enc(sku) + "?marketplaceIds=" + mp, token)
        .bodyAsJsonObject();
    String asin = listing.getJsonArray("summaries").getJsonObject(0).getString("asin");
    JsonObject itemOffers = new JsonObject().put("requests", new JsonArray()
        .add(new JsonObject().put("uri", "/products/pricing/v0/items/" + asin + "/offers").put("method", "GET").put("MarketplaceId", mp)
            .put("ItemCondition", "New"))
        .add(new JsonObject().put("uri", "/wrong").put("method", "GET").put("MarketplaceId", mp).put("ItemCondition", "New")));
    JsonObject batch = call("getItemOffersBatch", HttpMethod.POST, "/batches/products/pricing/v0/itemOffers", token, itemOffers, 200)
        .bodyAsJsonObject();
    assertThat(batch.getJsonArray("responses").getJsonObject(1).getJsonObject("status").getInteger("statusCode")).isEqualTo(400);
    // Its burst is 1: wait for the bucket to refill (10 ms at this time scale) as a well-behaved client would.
    harness.vertx().timer(50).await();
    call("getItemOffersBatch", HttpMethod.POST, "/batches/products/pricing/v0/itemOffers", token,
        new JsonObject().put("requests", new JsonArray()), 400);
    JsonObject summary = new JsonObject().put("requests", new JsonArray().add(new JsonObject().put("asin", asin).put("marketplaceId", mp)
        .put("includedData", new JsonArray().add("featuredBuyingOptions").add("referencePrices").add("lowestPricedOffers"))
        .put("lowestPricedOffersInputs", new JsonArray().add(new JsonObject().put("itemCondition", "New").put("offerType", "Consumer")))
        .put("method", "GET").put("uri", "/products/pricing/2022-05-01/items/competitiveSummary")));
    call("getCompetitiveSummary", HttpMethod.POST, "/batches/products/pricing/2022-05-01/items/competitiveSummary", token, summary, 200);
    JsonObject foep = new JsonObject().put("requests", new JsonArray().add(new JsonObject().put("marketplaceId", mp).put("sku", sku)
        .put("method", "GET").put("uri", "/products/pricing/2022-05-01/offer/featuredOfferExpectedPrice")));
    call("getFeaturedOfferExpectedPriceBatch", HttpMethod.POST,
        "/batches/products/pricing/2022-05-01/offer/featuredOfferExpectedPrice", token, foep, 200);
  }

  private void notificationsOperations(Seller seller, String token) {
    String grantless = harness.grantlessToken(seller.application());
    JsonObject destination = new JsonObject().put("name", "orders").put("resourceSpecification",
        new JsonObject().put("sqs", new JsonObject().put("arn", "arn:aws:sqs:us-east-1:000000000000:spgate-test")));
    String destinationId = call("createDestination", HttpMethod.POST, "/notifications/v1/destinations", grantless, destination, 200)
        .bodyAsJsonObject().getJsonObject("payload").getString("destinationId");
    call("createDestination", HttpMethod.POST, "/notifications/v1/destinations", token, destination, 403);
    call("getDestinations", HttpMethod.GET, "/notifications/v1/destinations", grantless, null, 200);
    call("getDestination", HttpMethod.GET, "/notifications/v1/destinations/" + destinationId, grantless, null, 200);
    JsonObject subscription = new JsonObject().put("payloadVersion", "1.0").put("destinationId", destinationId);
    call("createSubscription", HttpMethod.POST, "/notifications/v1/subscriptions/ORDER_CHANGE", token, subscription, 200);
    call("createSubscription", HttpMethod.POST, "/notifications/v1/subscriptions/ORDER_CHANGE", token, subscription, 409);
    call("getSubscription", HttpMethod.GET, "/notifications/v1/subscriptions/ORDER_CHANGE", token, null, 200);
    call("getSubscription", HttpMethod.GET, "/notifications/v1/subscriptions/ANY_OFFER_CHANGED", token, null, 404);
    String subscriptionId = call("getSubscriptions", HttpMethod.GET, "/notifications/v1/subscriptions?notificationTypes=ORDER_CHANGE",
        token, null, 200).bodyAsJsonObject().getJsonObject("payload").getJsonArray("subscriptions").getJsonObject(0)
        .getString("subscriptionId");
    call("getSubscriptions", HttpMethod.GET, "/notifications/v1/subscriptions", token, null, 400);
    call("getSubscriptionById", HttpMethod.GET, "/notifications/v1/subscriptions/ORDER_CHANGE/" + subscriptionId, grantless, null, 200);
    call("getSubscriptionById", HttpMethod.GET, "/notifications/v1/subscriptions/ORDER_CHANGE/" + subscriptionId, token, null, 403);
    call("sendTestNotification", HttpMethod.POST, "/notifications/v1/subscriptions/ORDER_CHANGE/testNotification", grantless,
        new JsonObject().put("destinationId", destinationId).put("testNotification", new JsonObject().put("payloadVersion", "1.0")), 200);
    call("sendTestNotification", HttpMethod.POST, "/notifications/v1/subscriptions/ORDER_CHANGE/testNotification", grantless,
        new JsonObject().put("destinationId", "nope"), 400);
    call("deleteSubscriptionById", HttpMethod.DELETE, "/notifications/v1/subscriptions/ORDER_CHANGE/" + subscriptionId, grantless,
        null, 200);
    call("deleteSubscriptionById", HttpMethod.DELETE, "/notifications/v1/subscriptions/ORDER_CHANGE/" + subscriptionId, grantless,
        null, 404);
    call("getSubscriptionById", HttpMethod.GET, "/notifications/v1/subscriptions/ORDER_CHANGE/" + subscriptionId, grantless, null, 404);
    JsonObject mismatched = subscription.copy().put("processingDirective", new JsonObject().put("eventFilter",
        new JsonObject().put("eventFilterType", "ANY_OFFER_CHANGED")));
    call("createSubscription", HttpMethod.POST, "/notifications/v1/subscriptions/ORDER_CHANGE", token, mismatched, 400);
    call("deleteDestination", HttpMethod.DELETE, "/notifications/v1/destinations/" + destinationId, grantless, null, 200);
  }
}
