package io.spgate.simulator.support;

import io.spgate.simulator.data.Seller;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A queue of the simulator's ElasticMQ, read as a notification consumer reads it (ReceiveMessage, then DeleteMessage),
 * with the destination the simulator sends to.
 */
public final class TestQueue {
  private static final Pattern QUEUE_URL = Pattern.compile("<QueueUrl>([^<]+)</QueueUrl>");
  private static final Pattern MESSAGE = Pattern.compile("<Message>(.*?)</Message>", Pattern.DOTALL);
  private static final Pattern BODY = Pattern.compile("<Body>(.*?)</Body>", Pattern.DOTALL);
  private static final Pattern RECEIPT = Pattern.compile("<ReceiptHandle>(.*?)</ReceiptHandle>", Pattern.DOTALL);

  private final SimHarness harness;
  private final String name;
  private final String url;

  private TestQueue(SimHarness harness, String name, String url) {
    this.harness = harness;
    this.name = name;
    this.url = url;
  }

  public static TestQueue create(SimHarness harness, String name) {
    String xml = call(harness, harness.sim().sqsEndpoint() + "/",
        MultiMap.caseInsensitiveMultiMap().add("Action", "CreateQueue").add("QueueName", name));
    Matcher url = QUEUE_URL.matcher(xml);
    if (!url.find()) {
      throw new IllegalStateException("no queue URL in " + xml);
    }
    return new TestQueue(harness, name, url.group(1));
  }

  public String arn() {
    return "arn:aws:sqs:us-east-1:000000000000:" + name;
  }

  /** Creates the application's destination for this queue (grantless token) and returns its id. */
  public String destinationFor(Seller seller) {
    JsonObject spec = new JsonObject().put("sqs", new JsonObject().put("arn", arn()));
    return harness.send(HttpMethod.POST, "/notifications/v1/destinations", harness.grantlessToken(seller.application()),
            new JsonObject().put("name", name).put("resourceSpecification", spec))
        .bodyAsJsonObject().getJsonObject("payload").getString("destinationId");
  }

  /** Subscribes the seller to {@code type} on this queue; returns the subscription id. */
  public String subscribe(Seller seller, String destinationId, String type, JsonObject processingDirective) {
    JsonObject body = new JsonObject().put("payloadVersion", type.endsWith("FINISHED") ? "2020-09-04" : "1.0")
        .put("destinationId", destinationId);
    if (processingDirective != null) {
      body.put("processingDirective", processingDirective);
    }
    var response = harness.send(HttpMethod.POST, "/notifications/v1/subscriptions/" + type, harness.accessToken(seller), body);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("createSubscription " + type + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getJsonObject("payload").getString("subscriptionId");
  }

  /** One ReceiveMessage (long poll of a second); what it got is deleted from the queue. */
  public List<JsonObject> receive() {
    String xml = call(harness, url, MultiMap.caseInsensitiveMultiMap().add("Action", "ReceiveMessage")
        .add("MaxNumberOfMessages", "10").add("WaitTimeSeconds", "1"));
    List<JsonObject> messages = new ArrayList<>();
    Matcher message = MESSAGE.matcher(xml);
    while (message.find()) {
      Matcher body = BODY.matcher(message.group(1));
      Matcher receipt = RECEIPT.matcher(message.group(1));
      if (body.find()) {
        messages.add(new JsonObject(unescapeXml(body.group(1))));
      }
      if (receipt.find()) {
        call(harness, url, MultiMap.caseInsensitiveMultiMap().add("Action", "DeleteMessage")
            .add("ReceiptHandle", unescapeXml(receipt.group(1))));
      }
    }
    return messages;
  }

  /** Receives until {@code done} holds for everything received so far, or fails after {@code timeout}. */
  public List<JsonObject> receiveUntil(Predicate<List<JsonObject>> done, Duration timeout) {
    List<JsonObject> all = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.test(all)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not received within " + timeout + "; got " + all.size() + ": " + all);
      }
      all.addAll(receive());
    }
    return all;
  }

  /** The field of a notification of either casing (PascalCase types and camelCase ones). */
  public static JsonObject metadata(JsonObject message) {
    JsonObject pascal = message.getJsonObject("NotificationMetadata");
    return pascal != null ? pascal : message.getJsonObject("notificationMetadata");
  }

  public static String notificationId(JsonObject message) {
    JsonObject metadata = metadata(message);
    return metadata.getString("NotificationId", metadata.getString("notificationId"));
  }

  /** The AmazonOrderId of an ORDER_CHANGE. */
  public static String orderId(JsonObject message) {
    return message.getJsonObject("Payload").getJsonObject("OrderChangeNotification").getString("AmazonOrderId");
  }

  private static String call(SimHarness harness, String url, MultiMap form) {
    return harness.client().postAbs(url).sendForm(form.add("Version", "2012-11-05")).await().bodyAsString();
  }

  static String unescapeXml(String s) {
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
