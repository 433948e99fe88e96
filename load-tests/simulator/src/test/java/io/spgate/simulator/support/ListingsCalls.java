package io.spgate.simulator.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.data.Marketplace;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.model.ModelOperation;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The Listings Items and Feeds calls one seller makes in the listings tests (patch, get, submit a JSON_LISTINGS_FEED and
 * read its report), the attribute values they send, and the admin call that forces an issue on SKUs.
 */
public final class ListingsCalls {
  public static final String FEED_CONTENT_TYPE = "application/json; charset=UTF-8";
  public static final String ALL_ITEM_DATA = "summaries,attributes,issues,offers,fulfillmentAvailability";

  private final SimHarness harness;
  private final Seller seller;
  private final String token;
  private final Marketplace marketplace;

  public ListingsCalls(SimHarness harness, Seller seller) {
    this.harness = harness;
    this.seller = seller;
    this.token = harness.accessToken(seller);
    this.marketplace = seller.homeMarketplace();
  }

  public Seller seller() {
    return seller;
  }

  public String token() {
    return token;
  }

  public Marketplace marketplace() {
    return marketplace;
  }

  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private String itemPath(String sku) {
    return "/listings/2021-08-01/items/" + seller.sellerId() + "/" + enc(sku) + "?marketplaceIds=" + marketplace.id();
  }

  public HttpResponse<Buffer> patch(String sku, JsonObject... patches) {
    return harness.send(HttpMethod.PATCH, itemPath(sku), token,
        new JsonObject().put("productType", "PRODUCT").put("patches", new JsonArray(List.of((Object[]) patches))));
  }

  /** A 200 answer of {@code operationId}, checked against the response schema of its model. */
  private JsonObject answer200(String operationId, HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    ModelOperation op = harness.sim().servedOperations().stream().filter(o -> o.operationId().equals(operationId))
        .findFirst().orElseThrow();
    assertThat(ResponseSchemas.againstModel(op.document(), op.responseSchema(200), response.bodyAsString()))
        .as(response.bodyAsString()).isEmpty();
    return response.bodyAsJsonObject();
  }

  /** A patch answered 200 (ListingsItemSubmissionResponse). */
  public JsonObject patchAnswer(String sku, JsonObject... patches) {
    return answer200("patchListingsItem", patch(sku, patches));
  }

  public HttpResponse<Buffer> get(String sku, String includedData) {
    return harness.get(itemPath(sku) + "&includedData=" + includedData, token);
  }

  /** getListingsItem with every data set a seller's listing has. */
  public JsonObject item(String sku) {
    return answer200("getListingsItem", get(sku, ALL_ITEM_DATA));
  }

  public BigDecimal price(String sku) {
    return new BigDecimal(item(sku).getJsonArray("offers").getJsonObject(0).getJsonObject("price").getString("amount"));
  }

  public JsonArray issues(String sku) {
    return item(sku).getJsonArray("issues");
  }

  /** The first {@code count} SKUs of the seller's listings that {@code wanted} accepts, by their fulfillmentAvailability. */
  public List<String> skus(int count, Predicate<JsonObject> wanted) {
    JsonArray items = harness.get("/listings/2021-08-01/items/" + seller.sellerId() + "?marketplaceIds=" + marketplace.id()
        + "&includedData=fulfillmentAvailability&sortBy=sku&sortOrder=ASC&pageSize=20", token).bodyAsJsonObject().getJsonArray("items");
    List<String> skus = items.stream().map(JsonObject.class::cast)
        .filter(i -> wanted.test(i.getJsonArray("fulfillmentAvailability").getJsonObject(0)))
        .map(i -> i.getString("sku")).limit(count).toList();
    assertThat(skus).hasSize(count);
    return skus;
  }

  public List<String> merchantSkus(int count) {
    return skus(count, a -> "DEFAULT".equals(a.getString("fulfillmentChannelCode")));
  }

  public List<String> fbaSkus(int count) {
    return skus(count, a -> a.getString("fulfillmentChannelCode").startsWith("AMAZON"));
  }

  public static JsonObject replace(String attribute, JsonObject value) {
    return new JsonObject().put("op", "replace").put("path", "/attributes/" + attribute).put("value", new JsonArray().add(value));
  }

  /** A purchasable_offer replace with this price in the marketplace's currency. */
  public JsonObject price(BigDecimal amount) {
    return price(marketplace.currency(), amount);
  }

  public JsonObject price(String currency, Object amount) {
    return replace("purchasable_offer", new JsonObject().put("marketplace_id", marketplace.id()).put("currency", currency)
        .put("our_price", new JsonArray().add(new JsonObject()
            .put("schedule", new JsonArray().add(new JsonObject().put("value_with_tax", amount))))));
  }

  /** A fulfillment_availability replace: merchant-fulfilled stock. */
  public static JsonObject quantity(Object quantity) {
    return replace("fulfillment_availability", new JsonObject().put("fulfillment_channel_code", "DEFAULT").put("quantity", quantity));
  }

  public static JsonObject patchMessage(int messageId, String sku, JsonObject... patches) {
    return new JsonObject().put("messageId", messageId).put("sku", sku).put("operationType", "PATCH").put("productType", "PRODUCT")
        .put("patches", new JsonArray(List.of((Object[]) patches)));
  }

  /** A JSON_LISTINGS_FEED; with {@code includedData} its header asks for a report with those data sets. */
  public JsonObject feed(List<String> includedData, JsonObject... messages) {
    JsonObject header = new JsonObject().put("sellerId", seller.sellerId()).put("version", "2.0");
    if (!includedData.isEmpty()) {
      header.put("report", new JsonObject().put("includedData", new JsonArray(includedData)).put("apiVersion", "2021-08-01"));
    }
    return new JsonObject().put("header", header).put("messages", new JsonArray(List.of((Object[]) messages)));
  }

  /** Uploads a feed document and answers createFeed's raw response. */
  public HttpResponse<Buffer> createFeed(String feedType, Buffer document) {
    JsonObject doc = harness.send(HttpMethod.POST, "/feeds/2021-06-30/documents", token,
        new JsonObject().put("contentType", FEED_CONTENT_TYPE)).bodyAsJsonObject();
    HttpResponse<Buffer> upload = harness.client().putAbs(doc.getString("url")).putHeader("content-type", FEED_CONTENT_TYPE)
        .sendBuffer(document).await();
    assertThat(upload.statusCode()).isEqualTo(200);
    JsonObject spec = new JsonObject().put("feedType", feedType).put("marketplaceIds", new JsonArray().add(marketplace.id()))
        .put("inputFeedDocumentId", doc.getString("feedDocumentId"));
    return harness.send(HttpMethod.POST, "/feeds/2021-06-30/feeds", token, spec);
  }

  /** Submits a JSON_LISTINGS_FEED and answers its feedId. */
  public String submit(Buffer document) {
    HttpResponse<Buffer> created = createFeed("JSON_LISTINGS_FEED", document);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(202);
    return created.bodyAsJsonObject().getString("feedId");
  }

  /** Polls getFeed until DONE or FATAL. */
  public JsonObject finished(String feedId) {
    return harness.pollUntil("/feeds/2021-06-30/feeds/" + feedId, token, r -> {
      String status = r.bodyAsJsonObject().getString("processingStatus");
      return "DONE".equals(status) || "FATAL".equals(status);
    }, Duration.ofSeconds(10)).bodyAsJsonObject();
  }

  /** The processing report of a finished feed. */
  public JsonObject resultDocument(JsonObject feed) {
    JsonObject doc = harness.get("/feeds/2021-06-30/documents/" + feed.getString("resultFeedDocumentId"), token).bodyAsJsonObject();
    return harness.client().getAbs(doc.getString("url")).send().await().bodyAsJsonObject();
  }

  /** Submits the feed, waits for DONE and answers its report, checked against the official report schema. */
  public JsonObject process(JsonObject feed) {
    assertThat(ResponseSchemas.againstDraft7(OfficialModels.json("schemas/feeds/listings-feed-schema-v2.json"), feed.encode())).isEmpty();
    JsonObject done = finished(submit(feed.toBuffer()));
    assertThat(done.getString("processingStatus")).isEqualTo("DONE");
    JsonObject report = resultDocument(done);
    assertThat(ResponseSchemas.againstDraft7(OfficialModels.json("schemas/feeds/listings-feed-processing-report-schema-v2.json"),
        report.encode())).as(report.encode()).isEmpty();
    return report;
  }

  /** POST /_sim/sellers/{id}/listing-issues with this body. */
  public HttpResponse<Buffer> forceIssue(JsonObject body) {
    return harness.client().postAbs(harness.sim().baseUrl() + "/_sim/sellers/" + seller.sellerId() + "/listing-issues")
        .sendJsonObject(body).await();
  }
}
