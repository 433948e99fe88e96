package io.spgate.simulator.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.support.ListingsCalls;
import io.spgate.simulator.support.OfficialModels;
import io.spgate.simulator.support.ResponseSchemas;
import io.spgate.simulator.support.SimHarness;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
class ListingsFeedTest {
  private static SimHarness harness;
  private static ListingsCalls calls;
  private static Seller seller;
  private static String token;
  private static String marketplaceId;

  @BeforeAll
  static void start(Vertx vertx) {
    harness = SimHarness.start(vertx, new SimulatorOptions().sellers(2).timeScale(1000).listingsPerSeller(20));
    seller = harness.sellerIn("na");
    calls = new ListingsCalls(harness, seller);
    token = calls.token();
    marketplaceId = seller.homeMarketplace().id();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static String submit(Buffer document) {
    return calls.submit(document);
  }

  private static JsonObject finished(String feedId) {
    return calls.finished(feedId);
  }

  private static JsonObject resultDocument(JsonObject feed) {
    return calls.resultDocument(feed);
  }

  private static JsonObject listing(String sku) {
    return calls.get(sku, "offers,fulfillmentAvailability").bodyAsJsonObject();
  }

  private static JsonObject priceAttribute(double price) {
    return new JsonObject().put("marketplace_id", marketplaceId).put("currency", "USD")
        .put("our_price", new JsonArray().add(new JsonObject()
            .put("schedule", new JsonArray().add(new JsonObject().put("value_with_tax", price)))));
  }

  @Test
  void a_listings_feed_is_applied_and_its_processing_report_validates_against_the_official_schema() {
    String sku = harness.get("/listings/2021-08-01/items/" + seller.sellerId() + "?marketplaceIds=" + marketplaceId, token)
        .bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("sku");
    JsonObject feed = new JsonObject()
        .put("header", new JsonObject().put("sellerId", seller.sellerId()).put("version", "2.0"))
        .put("messages", new JsonArray()
            .add(new JsonObject().put("messageId", 1).put("sku", sku).put("operationType", "PATCH").put("productType", "PRODUCT")
                .put("patches", new JsonArray()
                    .add(new JsonObject().put("op", "replace").put("path", "/attributes/purchasable_offer")
                        .put("value", new JsonArray().add(priceAttribute(42.5))))
                    .add(new JsonObject().put("op", "replace").put("path", "/attributes/fulfillment_availability")
                        .put("value", new JsonArray().add(new JsonObject().put("fulfillment_channel_code", "DEFAULT")
                            .put("quantity", 17))))))
            .add(new JsonObject().put("messageId", 2).put("sku", "FEED-NEW-1").put("operationType", "UPDATE").put("productType", "PRODUCT")
                .put("attributes", new JsonObject().put("purchasable_offer", new JsonArray().add(priceAttribute(9.99)))))
            .add(new JsonObject().put("messageId", 3).put("sku", sku).put("operationType", "PATCH").put("productType", "PRODUCT")
                .put("patches", new JsonArray().add(new JsonObject().put("op", "replace").put("path", "/attributes/purchasable_offer")
                    .put("value", new JsonArray().add(priceAttribute(-1)))))));
    assertThat(ResponseSchemas.againstDraft7(OfficialModels.json("schemas/feeds/listings-feed-schema-v2.json"), feed.encode())).isEmpty();

    JsonObject done = finished(submit(feed.toBuffer()));
    assertThat(done.getString("processingStatus")).isEqualTo("DONE");
    JsonObject report = resultDocument(done);
    assertThat(ResponseSchemas.againstDraft7(OfficialModels.json("schemas/feeds/listings-feed-processing-report-schema-v2.json"),
            report.encode()))
        .as(report.encode()).isEmpty();
    JsonObject summary = report.getJsonObject("summary");
    assertThat(summary.getInteger("messagesProcessed")).isEqualTo(3);
    assertThat(summary.getInteger("messagesAccepted")).isEqualTo(2);
    assertThat(summary.getInteger("messagesInvalid")).isEqualTo(1);
    assertThat(report.getJsonArray("issues").getJsonObject(0).getInteger("messageId")).isEqualTo(3);

    JsonObject patched = listing(sku);
    assertThat(patched.getJsonArray("offers").getJsonObject(0).getJsonObject("price").getString("amount")).isEqualTo("42.5");
    assertThat(patched.getJsonArray("fulfillmentAvailability").getJsonObject(0).getInteger("quantity")).isEqualTo(17);
    assertThat(listing("FEED-NEW-1").getJsonArray("offers").getJsonObject(0).getJsonObject("price").getString("amount")).isEqualTo("9.99");
  }

  @Test
  void a_document_that_is_not_a_listings_feed_ends_FATAL_with_a_report() {
    JsonObject fatal = finished(submit(Buffer.buffer("<xml>not json</xml>")));
    assertThat(fatal.getString("processingStatus")).isEqualTo("FATAL");
    JsonObject report = resultDocument(fatal);
    assertThat(report.getJsonArray("issues").getJsonObject(0).getString("severity")).isEqualTo("ERROR");
    JsonObject wrongSeller = finished(submit(new JsonObject()
        .put("header", new JsonObject().put("sellerId", "AOTHER").put("version", "2.0"))
        .put("messages", new JsonArray().add(new JsonObject().put("messageId", 1).put("sku", "X").put("operationType", "DELETE")))
        .toBuffer()));
    assertThat(wrongSeller.getString("processingStatus")).isEqualTo("FATAL");
  }

  @Test
  void an_upload_with_another_content_type_is_refused_like_s3() {
    JsonObject doc = harness.send(HttpMethod.POST, "/feeds/2021-06-30/documents", token,
        new JsonObject().put("contentType", ListingsCalls.FEED_CONTENT_TYPE)).bodyAsJsonObject();
    HttpResponse<Buffer> upload = harness.client().putAbs(doc.getString("url")).putHeader("content-type", "text/plain")
        .sendBuffer(Buffer.buffer("x")).await();
    assertThat(upload.statusCode()).isEqualTo(403);
    assertThat(upload.bodyAsString()).contains("SignatureDoesNotMatch");
  }

  @Test
  void a_stuck_feed_stays_in_progress() {
    harness.sim().faults().setFeedsStuckInProgress(true);
    try {
      String feedId = submit(new JsonObject().put("header", new JsonObject().put("sellerId", seller.sellerId()).put("version", "2.0"))
          .put("messages", new JsonArray().add(new JsonObject().put("messageId", 1).put("sku", "X").put("operationType", "DELETE")))
          .toBuffer());
      harness.pollUntil("/feeds/2021-06-30/feeds/" + feedId, token,
          r -> "IN_PROGRESS".equals(r.bodyAsJsonObject().getString("processingStatus")), Duration.ofSeconds(5));
      // Far longer than the scaled processing time (15 ms): a healthy feed would be DONE by now.
      harness.vertx().timer(300).await();
      assertThat(harness.get("/feeds/2021-06-30/feeds/" + feedId, token).bodyAsJsonObject().getString("processingStatus"))
          .isEqualTo("IN_PROGRESS");
    } finally {
      harness.sim().faults().setFeedsStuckInProgress(false);
    }
  }
}
