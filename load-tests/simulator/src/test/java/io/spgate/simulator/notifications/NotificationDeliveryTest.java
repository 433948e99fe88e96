package io.spgate.simulator.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.support.OfficialModels;
import io.spgate.simulator.support.ResponseSchemas;
import io.spgate.simulator.support.SimHarness;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Notifications reach an SQS queue of the in-process ElasticMQ, each in the shape of its official schema. */
@ExtendWith(VertxExtension.class)
@Timeout(90)
class NotificationDeliveryTest {
  private static final Pattern BODY = Pattern.compile("<Body>(.*?)</Body>", Pattern.DOTALL);
  private static final Pattern QUEUE_URL = Pattern.compile("<QueueUrl>([^<]+)</QueueUrl>");
  private static final Map<String, String> SCHEMAS = Map.of(
      "ORDER_CHANGE", "OrderChangeNotification.json",
      "ANY_OFFER_CHANGED", "AnyOfferChangedNotification.json",
      "FEED_PROCESSING_FINISHED", "FeedProcessingFinishedNotification.json",
      "REPORT_PROCESSING_FINISHED", "ReportProcessingFinishedNotification.json");

  @Test
  void order_offer_feed_and_report_notifications_arrive_in_the_queue_per_the_official_schemas(Vertx vertx) {
    try (SimHarness harness = SimHarness.start(vertx, new SimulatorOptions().sellers(2).timeScale(1000).elasticMq(true))) {
      String sqs = harness.sim().sqsEndpoint();
      String queueUrl = sqsCall(harness, sqs + "/",
          MultiMap.caseInsensitiveMultiMap().add("Action", "CreateQueue").add("QueueName", "spgate-events"));
      Matcher url = QUEUE_URL.matcher(queueUrl);
      assertThat(url.find()).as(queueUrl).isTrue();

      Seller seller = harness.sellerIn("na");
      String token = harness.accessToken(seller);
      String destinationId = harness.send(HttpMethod.POST, "/notifications/v1/destinations", harness.grantlessToken(seller.application()),
              new JsonObject().put("name", "events").put("resourceSpecification",
                  new JsonObject().put("sqs", new JsonObject().put("arn", "arn:aws:sqs:us-east-1:000000000000:spgate-events"))))
          .bodyAsJsonObject().getJsonObject("payload").getString("destinationId");
      for (String type : SCHEMAS.keySet()) {
        String version = type.endsWith("FINISHED") ? "2020-09-04" : "1.0";
        assertThat(harness.send(HttpMethod.POST, "/notifications/v1/subscriptions/" + type, token,
            new JsonObject().put("payloadVersion", version).put("destinationId", destinationId)).statusCode()).isEqualTo(200);
      }

      String mp = seller.homeMarketplace().id();
      String orderId = harness.sim().placeOrder(seller.sellerId()).amazonOrderId();
      JsonObject item = harness.get("/listings/2021-08-01/items/" + seller.sellerId() + "?marketplaceIds=" + mp + "&includedData=offers",
          token).bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
      String sku = item.getString("sku");
      // Twice the current price: far enough to see, near enough not to be held back as a potential pricing error.
      BigDecimal price = new BigDecimal(item.getJsonArray("offers").getJsonObject(0).getJsonObject("price").getString("amount"))
          .multiply(BigDecimal.valueOf(2));
      JsonObject newPrice = new JsonObject().put("marketplace_id", mp).put("currency", "USD")
          .put("our_price", new JsonArray().add(new JsonObject()
              .put("schedule", new JsonArray().add(new JsonObject().put("value_with_tax", price)))));
      assertThat(harness.send(HttpMethod.PATCH,
          "/listings/2021-08-01/items/" + seller.sellerId() + "/" + sku + "?marketplaceIds=" + mp, token,
          new JsonObject().put("productType", "PRODUCT").put("patches", new JsonArray().add(new JsonObject().put("op", "replace")
              .put("path", "/attributes/purchasable_offer").put("value", new JsonArray().add(newPrice))))).statusCode()).isEqualTo(200);
      harness.send(HttpMethod.POST, "/reports/2021-06-30/reports", token,
          new JsonObject().put("reportType", "GET_MERCHANT_LISTINGS_ALL_DATA").put("marketplaceIds", new JsonArray().add(mp)));
      JsonObject doc = harness.send(HttpMethod.POST, "/feeds/2021-06-30/documents", token,
          new JsonObject().put("contentType", "text/plain")).bodyAsJsonObject();
      harness.client().putAbs(doc.getString("url")).putHeader("content-type", "text/plain")
          .sendBuffer(io.vertx.core.buffer.Buffer.buffer("x")).await();
      harness.send(HttpMethod.POST, "/feeds/2021-06-30/feeds", token, new JsonObject().put("feedType", "JSON_LISTINGS_FEED")
          .put("marketplaceIds", new JsonArray().add(mp)).put("inputFeedDocumentId", doc.getString("feedDocumentId")));

      Map<String, JsonObject> received = new HashMap<>();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (received.size() < SCHEMAS.size() && System.nanoTime() < deadline) {
        String xml = sqsCall(harness, url.group(1), MultiMap.caseInsensitiveMultiMap().add("Action", "ReceiveMessage")
            .add("MaxNumberOfMessages", "10").add("WaitTimeSeconds", "1"));
        Matcher body = BODY.matcher(xml);
        while (body.find()) {
          JsonObject message = new JsonObject(unescapeXml(body.group(1)));
          String type = message.getString("NotificationType", message.getString("notificationType"));
          received.putIfAbsent(type, message);
        }
      }
      assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(SCHEMAS.keySet());
      received.forEach((type, message) -> assertThat(
              ResponseSchemas.againstDraft7(OfficialModels.json("schemas/notifications/" + SCHEMAS.get(type)), message.encode()))
          .as("%s %s", type, message.encode()).isEmpty());
      assertThat(received.get("ORDER_CHANGE").getJsonObject("Payload").getJsonObject("OrderChangeNotification").getString("AmazonOrderId"))
          .isEqualTo(orderId);
      JsonObject offerChange = received.get("ANY_OFFER_CHANGED").getJsonObject("Payload").getJsonObject("AnyOfferChangedNotification");
      assertThat(offerChange.getJsonArray("Offers").getJsonObject(0).getJsonObject("ListingPrice").getDouble("Amount")).isEqualTo(price.doubleValue());
      assertThat(received.get("FEED_PROCESSING_FINISHED").getJsonObject("payload").getJsonObject("feedProcessingFinishedNotification")
          .getString("processingStatus")).isEqualTo("FATAL");
      assertThat(harness.sim().notifications().delivered()).isGreaterThanOrEqualTo(4);
    }
  }

  private static String sqsCall(SimHarness harness, String url, MultiMap form) {
    return harness.client().postAbs(url).sendForm(form.add("Version", "2012-11-05")).await().bodyAsString();
  }

  private static String unescapeXml(String s) {
    Matcher numeric = Pattern.compile("&#(x?)([0-9a-fA-F]+);").matcher(s);
    StringBuilder sb = new StringBuilder();
    while (numeric.find()) {
      int code = Integer.parseInt(numeric.group(2), numeric.group(1).isEmpty() ? 10 : 16);
      numeric.appendReplacement(sb, Matcher.quoteReplacement(new String(Character.toChars(code))));
    }
    numeric.appendTail(sb);
    return sb.toString().replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }
}
