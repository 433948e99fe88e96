package io.spgate.notifications;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.Eventually;
import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Two gateway instances read one SQS queue (ElasticMQ): a notification delivered ten times acts once; one whose effect
 * keeps failing is dead-lettered after five receives, for the tenant whose seller it names, and can be replayed; a
 * message that is no notification is dead-lettered at once, for the operator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationQueueIT {

  private SimulatedAmazon amazon;
  private TestPostgres postgres;
  private TestGateway first;
  private TestGateway second;
  private SqsClient sqs;
  private String queueUrl;
  private Seller seller;
  private String tenant;
  private io.vertx.sqlclient.Pool pool;

  @BeforeAll
  void start() {
    amazon = SimulatedAmazon.start(new SimulatorOptions().sellers(2).elasticMq(true));
    postgres = TestPostgres.create();
    sqs = NotificationsFeature.sqsClient(URI.create(amazon.simulator.sqsEndpoint() + "/"), "us-east-1");
    // Redelivered a second after a failed receive, so five receives take seconds.
    queueUrl = sqs.createQueue(r -> r.queueName("spgate-test-" + UUID.randomUUID())
        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"))).queueUrl();
    Map<String, String> settings = amazon.gatewaySettings(postgres, Map.of("SPGATE_NOTIFICATIONS_QUEUE_URL", queueUrl));
    first = TestGateway.start(settings);
    second = TestGateway.start(settings);
    tenant = amazon.createTenant(first, "Notifications");
    SimulatedAmazon.share(first, "main", tenant);
    seller = amazon.registerSeller(first, tenant, 0);
    pool = postgres.pool(amazon.vertx, 1);
  }

  @AfterAll
  void stop() {
    await(pool.close());
    first.close();
    second.close();
    sqs.close();
    postgres.close();
    amazon.close();
  }

  @Test
  void should_act_once_on_a_notification_delivered_ten_times_to_two_instances() {
    String id = "dup-" + UUID.randomUUID();
    String message = orderChange(id, seller.sellingPartnerId(), "111-" + id.hashCode());
    double before = taken("ORDER_CHANGE", "applied") + taken("ORDER_CHANGE", "duplicate");

    for (int i = 0; i < 10; i++) {
      sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(message));
    }

    Eventually.until(first.gateway.vertx(), () -> taken("ORDER_CHANGE", "applied") + taken("ORDER_CHANGE", "duplicate") - before,
        n -> n >= 10);
    assertThat(seen(id)).isEqualTo(1);
    assertThat(taken("ORDER_CHANGE", "duplicate")).isGreaterThanOrEqualTo(9);
    Eventually.until(first.gateway.vertx(), this::queued, n -> n == 0);
  }

  @Test
  void should_dead_letter_a_notification_that_keeps_failing_for_its_sellers_tenant_and_replay_it() {
    String id = "broken-" + UUID.randomUUID();
    // An ORDER_CHANGE that names no order cannot take effect.
    String message = new JsonObject(orderChange(id, seller.sellingPartnerId(), "x")).encode().replace("\"AmazonOrderId\":\"x\",", "");
    sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(message));

    JsonObject letter = Eventually.until(first.gateway.vertx(), () -> deadLetters(tenant).stream().map(JsonObject.class::cast)
        .filter(l -> id.equals(l.getString("notificationId"))).findFirst().orElse(null), found -> found != null);
    JsonObject replayed = await(first.client.post("/v1/notifications/dead-letters/" + letter.getString("id") + "/replay")
        .addQueryParam("tenantId", tenant).putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).send()).bodyAsJsonObject();
    JsonArray otherTenant = deadLetters(amazon.createTenant(first, "Someone else"));

    assertThat(letter.getInteger("receiveCount")).isEqualTo(5);
    assertThat(letter.getString("error")).contains("AmazonOrderId");
    assertThat(letter.getString("type")).isEqualTo("ORDER_CHANGE");
    assertThat(seen(id)).isZero();
    assertThat(replayed.getString("code")).isEqualTo("dead_letter_replay_failed");
    assertThat(otherTenant).noneMatch(l -> id.equals(((JsonObject) l).getString("notificationId")));
  }

  @Test
  void should_dead_letter_a_message_that_is_no_notification_at_once_for_the_operator() {
    String garbage = "not a notification " + UUID.randomUUID();
    sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(garbage));

    JsonObject letter = Eventually.until(first.gateway.vertx(), () -> operatorDeadLetters().stream().map(JsonObject.class::cast)
        .filter(l -> garbage.equals(l.getString("body"))).findFirst().orElse(null), found -> found != null);

    assertThat(letter.getInteger("receiveCount")).isEqualTo(1);
    assertThat(letter.getString("error")).contains("not a JSON object");
    assertThat(deadLetters(tenant)).noneMatch(l -> garbage.equals(((JsonObject) l).getString("body")));
  }

  private JsonArray deadLetters(String tenantId) {
    return await(first.client.get("/v1/notifications/dead-letters").addQueryParam("tenantId", tenantId)
        .putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).send()).bodyAsJsonObject().getJsonArray("items");
  }

  private JsonArray operatorDeadLetters() {
    return await(first.client.get("/v1/notifications/dead-letters").putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY)
        .send()).bodyAsJsonObject().getJsonArray("items");
  }

  private int seen(String notificationId) {
    return await(pool.preparedQuery("SELECT count(*) FROM notifications_seen WHERE notification_id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(notificationId))).iterator().next().getInteger(0);
  }

  private int queued() {
    Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
    return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  /** Both instances' count of notifications of a type with an outcome, from their metrics. */
  private double taken(String type, String outcome) {
    double sum = 0;
    Pattern line = Pattern.compile("^spgate_notifications_total\\{(?=[^}]*outcome=\"" + outcome + "\")(?=[^}]*type=\"" + type
        + "\")[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);
    for (TestGateway gw : List.of(first, second)) {
      Matcher m = line.matcher(await(gw.management("/metrics").send()).bodyAsString());
      while (m.find()) {
        sum += Double.parseDouble(m.group(1));
      }
    }
    return sum;
  }

  private static String orderChange(String notificationId, String sellingPartner, String orderId) {
    return new JsonObject().put("NotificationVersion", "1.0").put("NotificationType", "ORDER_CHANGE").put("PayloadVersion", "1.0")
        .put("EventTime", "2026-12-01T10:00:00Z")
        .put("NotificationMetadata", new JsonObject().put("NotificationId", notificationId).put("PublishTime", "2026-12-01T10:00:00Z"))
        .put("Payload", new JsonObject().put("OrderChangeNotification", new JsonObject().put("SellerId", sellingPartner)
            .put("AmazonOrderId", orderId).put("OrderChangeType", "OrderStatusChange")
            .put("OrderChangeTrigger", new JsonObject().put("TimeOfOrderChange", "2026-12-01T10:00:00Z"))))
        .encode();
  }
}
