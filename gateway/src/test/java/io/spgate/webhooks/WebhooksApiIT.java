package io.spgate.webhooks;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.Eventually;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.spgate.events.EventTypes;
import io.spgate.events.NewEvent;
import io.spgate.events.Outbox;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The events and webhooks API of a running gateway, its delivery worker included, with private targets allowed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhooksApiIT {

  private static final String ADMIN_KEY = "spg_test-admin-key-0123456789abcdefghijklmnop";

  private final Vertx vertx = Vertx.vertx();
  private TestPostgres postgres;
  private TestGateway gw;
  private Pool pool;
  private WebhookReceiver receiver;

  @BeforeAll
  void start() {
    postgres = TestPostgres.create();
    gw = TestGateway.start(Map.of("SPGATE_PG_URL", postgres.url().toString(), "SPGATE_ADMIN_KEY", ADMIN_KEY,
        "SPGATE_WEBHOOKS_ALLOW_PRIVATE", "true"));
    pool = postgres.pool(vertx, 2);
    receiver = WebhookReceiver.start(vertx);
  }

  @AfterAll
  void stop() {
    receiver.close();
    await(pool.close());
    gw.close();
    postgres.close();
    await(vertx.close());
  }

  @Test
  void should_register_an_endpoint_show_its_secret_once_and_deliver_it_a_signed_test_event() {
    String key = tenantKey("tenant:write");
    HttpResponse<Buffer> created = send(gw.client.post("/v1/webhooks"), key, new JsonObject().put("url", receiver.url("/test-event"))
        .put("eventTypes", new JsonArray().add("*")).put("description", "Our OMS"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    JsonObject endpoint = created.bodyAsJsonObject();
    String id = endpoint.getString("id");
    String secret = endpoint.getString("secret");

    HttpResponse<Buffer> read = send(gw.client.get("/v1/webhooks/" + id), key, null);
    HttpResponse<Buffer> listed = send(gw.client.get("/v1/webhooks"), key, null);
    HttpResponse<Buffer> sent = send(gw.client.post("/v1/webhooks/" + id + "/test"), key, null);
    String eventId = sent.bodyAsJsonObject().getString("eventId");
    List<WebhookReceiver.Received> delivered = Eventually.until(vertx, () -> receiver.delivered().stream()
        .filter(r -> eventId.equals(r.eventId())).toList(), found -> !found.isEmpty());
    JsonObject attempts = Eventually.until(vertx, () -> send(gw.client.get("/v1/webhooks/" + id + "/deliveries"), key, null)
        .bodyAsJsonObject(), page -> !page.getJsonArray("items").isEmpty());
    JsonObject events = send(gw.client.get("/v1/events").addQueryParam("type", "test"), key, null).bodyAsJsonObject();
    String stored = await(pool.query("SELECT string_agg(t::text, E'\\n') FROM webhook_endpoints t").execute()).iterator().next()
        .getString(0);

    assertThat(secret).startsWith("whsec_");
    assertThat(endpoint.getString("url")).isEqualTo(receiver.url("/test-event"));
    assertThat(endpoint.getJsonArray("eventTypes")).containsExactly("*");
    assertThat(endpoint.getBoolean("enabled")).isTrue();
    assertThat(endpoint.getString("description")).isEqualTo("Our OMS");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.bodyAsJsonObject().containsKey("secret")).isFalse();
    assertThat(read.bodyAsString()).doesNotContain(secret);
    assertThat(listed.bodyAsJsonObject().getJsonArray("items")).hasSize(1);
    assertThat(listed.bodyAsString()).doesNotContain(secret);
    assertThat(stored).doesNotContain(secret).doesNotContain(secret.substring(6));
    assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(202);
    assertThat(delivered).hasSize(1);
    WebhookReceiver.Received test = delivered.get(0);
    assertThat(WebhookSignature.verify(secret, test.headers().get("Spgate-Signature"), test.body())).isTrue();
    assertThat(test.headers().get("Spgate-Event-Type")).isEqualTo(EventTypes.TEST);
    assertThat(test.event().getString("resourceType")).isEqualTo("webhook_endpoint");
    assertThat(test.event().getString("resourceId")).isEqualTo(id);
    JsonObject attempt = attempts.getJsonArray("items").getJsonObject(0);
    assertThat(attempt.getString("eventId")).isEqualTo(eventId);
    assertThat(attempt.getString("eventType")).isEqualTo(EventTypes.TEST);
    assertThat(attempt.getInteger("attempt")).isOne();
    assertThat(attempt.getInteger("statusCode")).isEqualTo(200);
    assertThat(attempt.getString("deliveryStatus")).isEqualTo("delivered");
    assertThat(attempt.getString("responseSnippet")).isEqualTo("ok");
    assertThat(attempt.getInteger("durationMs")).isNotNegative();
    assertThat(attempt.getString("attemptedAt")).isNotBlank();
    assertThat(events.getJsonArray("items")).hasSize(1);
    assertThat(events.getJsonArray("items").getJsonObject(0)).isEqualTo(test.event());
  }

  @Test
  void should_deliver_the_changes_of_an_order_in_their_order_through_the_running_worker() {
    UUID tenant = createTenant();
    String key = key(tenant, "tenant:write");
    String secret = create(key, receiver.url("/orders"), EventTypes.ORDER_CHANGED).getString("secret");
    String order = "111-" + UUID.randomUUID();
    for (int step = 0; step < 5; step++) {
      append(new NewEvent(tenant, EventTypes.ORDER_CHANGED, "order", order, new JsonObject().put("step", step)));
    }

    List<WebhookReceiver.Received> received = Eventually.until(vertx, () -> receiver.received().stream()
        .filter(r -> order.equals(r.event().getString("resourceId"))).toList(), got -> got.size() >= 5);

    assertThat(received).extracting(r -> r.event().getJsonObject("data").getInteger("step")).containsExactly(0, 1, 2, 3, 4);
    assertThat(received).allSatisfy(r -> assertThat(WebhookSignature.verify(secret, r.headers().get("Spgate-Signature"), r.body()))
        .isTrue());
  }

  @Test
  void should_page_the_event_stream_oldest_first_after_a_cursor_and_filter_it_by_type_and_resource() {
    UUID tenant = createTenant();
    String key = key(tenant, "tenant:read");
    UUID other = createTenant();
    for (String type : List.of(EventTypes.ORDER_CREATED, EventTypes.REPORT_READY, EventTypes.ORDER_CHANGED, EventTypes.REPORT_READY,
        EventTypes.ORDER_SHIPPED)) {
      append(new NewEvent(tenant, type, "order", "o-1", new JsonObject().put("type", type)));
      append(new NewEvent(other, type, "order", "theirs", new JsonObject()));
    }
    append(new NewEvent(tenant, EventTypes.ORDER_CREATED, "order", "o-2", new JsonObject()));
    append(new NewEvent(tenant, EventTypes.REPORT_READY, "report_job", "o-2", new JsonObject()));

    JsonObject first = events(key, "?limit=2");
    JsonObject second = events(key, "?limit=2&after=" + first.getString("next"));
    JsonObject third = events(key, "?limit=2&after=" + second.getString("next"));
    JsonObject past = events(key, "?after=" + third.getString("next"));
    JsonObject reports = events(key, "?type=report.ready");
    JsonObject two = events(key, "?type=order.created,order.shipped");
    JsonObject oneOrder = events(key, "?resourceType=order&resourceId=o-2");
    JsonObject orders = events(key, "?resourceType=order&type=order.created");

    assertThat(types(first)).containsExactly(EventTypes.ORDER_CREATED, EventTypes.REPORT_READY);
    assertThat(first.getBoolean("hasMore")).isTrue();
    assertThat(types(second)).containsExactly(EventTypes.ORDER_CHANGED, EventTypes.REPORT_READY);
    assertThat(types(third)).containsExactly(EventTypes.ORDER_SHIPPED, EventTypes.ORDER_CREATED);
    assertThat(third.getBoolean("hasMore")).isTrue();
    assertThat(types(past)).containsExactly(EventTypes.REPORT_READY);
    assertThat(past.getBoolean("hasMore")).isFalse();
    assertThat(events(key, "?after=" + past.getString("next")).getJsonArray("items")).isEmpty();
    assertThat(types(reports)).containsExactly(EventTypes.REPORT_READY, EventTypes.REPORT_READY, EventTypes.REPORT_READY);
    assertThat(types(two)).containsExactly(EventTypes.ORDER_CREATED, EventTypes.ORDER_SHIPPED, EventTypes.ORDER_CREATED);
    // One resource's events, not another kind's with the same id, nor another tenant's.
    assertThat(types(oneOrder)).containsExactly(EventTypes.ORDER_CREATED);
    assertThat(oneOrder.getJsonArray("items").getJsonObject(0).getString("resourceId")).isEqualTo("o-2");
    assertThat(orders.getJsonArray("items").stream().map(e -> ((JsonObject) e).getString("resourceId")).toList())
        .containsExactly("o-1", "o-2");
    JsonObject event = first.getJsonArray("items").getJsonObject(0);
    assertThat(event.fieldNames()).containsExactlyInAnyOrder("id", "type", "resourceType", "resourceId", "createdAt", "data");
    assertThat(event.getString("resourceId")).isEqualTo("o-1");
    assertThat(event.getJsonObject("data")).isEqualTo(new JsonObject().put("type", EventTypes.ORDER_CREATED));
    assertThat(Long.parseLong(second.getJsonArray("items").getJsonObject(0).getString("id")))
        .isGreaterThan(Long.parseLong(first.getJsonArray("items").getJsonObject(1).getString("id")));
  }

  @Test
  void should_answer_bad_event_queries_with_problems() {
    String key = tenantKey("tenant:read");

    assertProblem(send(gw.client.get("/v1/events?after=not-a-cursor"), key, null), 400, "validation_failed");
    assertProblem(send(gw.client.get("/v1/events?after=" + java.util.Base64.getUrlEncoder().encodeToString("attempt:3".getBytes())),
        key, null), 400, "validation_failed");
    assertProblem(send(gw.client.get("/v1/events?type=order.lost"), key, null), 400, "validation_failed");
    assertProblem(send(gw.client.get("/v1/events?limit=0"), key, null), 400, "validation_failed");
    assertProblem(send(gw.client.get("/v1/events?resourceId=o-1"), key, null), 400, "validation_failed");
    assertProblem(send(gw.client.get("/v1/events?limit=501"), key, null), 400, "validation_failed");
    assertProblem(send(gw.client.get("/v1/events"), ADMIN_KEY, null), 400, "validation_failed");
  }

  @Test
  void should_keep_each_tenants_endpoints_events_and_attempts_to_itself() {
    UUID mine = createTenant();
    String myKey = key(mine, "tenant:write");
    String theirKey = tenantKey("tenant:write");
    String id = create(myKey, receiver.url("/mine"), "*").getString("id");
    append(new NewEvent(mine, EventTypes.ORDER_CREATED, "order", "mine-1", new JsonObject()));
    String path = "/v1/webhooks/" + id;

    assertProblem(send(gw.client.get(path), theirKey, null), 404, "not_found");
    assertProblem(send(gw.client.patch(path), theirKey, new JsonObject().put("enabled", false)), 404, "not_found");
    assertProblem(send(gw.client.delete(path), theirKey, null), 404, "not_found");
    assertProblem(send(gw.client.post(path + "/test"), theirKey, null), 404, "not_found");
    assertProblem(send(gw.client.get(path + "/deliveries"), theirKey, null), 404, "not_found");
    assertProblem(send(gw.client.get("/v1/events?tenantId=" + mine), theirKey, null), 404, "not_found");
    assertThat(send(gw.client.get("/v1/webhooks"), theirKey, null).bodyAsJsonObject().getJsonArray("items")).isEmpty();
    assertThat(events(theirKey, "").getJsonArray("items")).isEmpty();
    assertThat(events(myKey, "").getJsonArray("items")).hasSize(1);
    assertThat(send(gw.client.get(path).addQueryParam("tenantId", mine.toString()), ADMIN_KEY, null).statusCode()).isEqualTo(200);
    assertThat(send(gw.client.get(path), myKey, null).bodyAsJsonObject().getBoolean("enabled")).isTrue();
  }

  @Test
  void should_disable_enable_change_and_delete_an_endpoint() {
    String key = tenantKey("tenant:write");
    String id = create(key, receiver.url("/changing"), "*").getString("id");
    String path = "/v1/webhooks/" + id;

    JsonObject disabled = send(gw.client.patch(path), key, new JsonObject().put("enabled", false)).bodyAsJsonObject();
    HttpResponse<Buffer> testWhileDisabled = send(gw.client.post(path + "/test"), key, null);
    HttpResponse<Buffer> changed = send(gw.client.patch(path), key, new JsonObject().put("enabled", true)
        .put("url", receiver.url("/changed")).put("eventTypes", new JsonArray().add("order.created").add("order.shipped"))
        .put("description", "now described"));
    JsonObject undescribed = send(gw.client.patch(path), key, new JsonObject().putNull("description")).bodyAsJsonObject();
    HttpResponse<Buffer> deleted = send(gw.client.delete(path), key, null);

    assertThat(disabled.getBoolean("enabled")).isFalse();
    assertThat(disabled.getString("disabledReason")).isEqualTo("Disabled through the API.");
    assertProblem(testWhileDisabled, 409, "webhook_endpoint_disabled");
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    JsonObject enabled = changed.bodyAsJsonObject();
    assertThat(enabled.getBoolean("enabled")).isTrue();
    assertThat(enabled.getString("disabledReason")).isNull();
    assertThat(enabled.getString("url")).isEqualTo(receiver.url("/changed"));
    assertThat(enabled.getJsonArray("eventTypes")).containsExactly("order.created", "order.shipped");
    assertThat(enabled.getString("description")).isEqualTo("now described");
    assertThat(undescribed.getString("description")).isNull();
    assertThat(undescribed.getString("url")).isEqualTo(receiver.url("/changed"));
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertProblem(send(gw.client.get(path), key, null), 404, "not_found");
    assertProblem(send(gw.client.delete(path), key, null), 404, "not_found");
  }

  @Test
  void should_refuse_bad_endpoints_with_problems() {
    String key = tenantKey("tenant:write");
    String url = receiver.url("/bad");

    assertProblem(send(gw.client.post("/v1/webhooks"), key, new JsonObject().put("url", "ftp://example.com/")
        .put("eventTypes", new JsonArray().add("*"))), 400, "validation_failed");
    assertProblem(send(gw.client.post("/v1/webhooks"), key, new JsonObject().put("url", url)
        .put("eventTypes", new JsonArray().add("order.lost"))), 400, "validation_failed");
    assertProblem(send(gw.client.post("/v1/webhooks"), key, new JsonObject().put("url", url)
        .put("eventTypes", new JsonArray().add(EventTypes.TEST))), 400, "validation_failed");
    assertProblem(send(gw.client.post("/v1/webhooks"), key, new JsonObject().put("url", url)
        .put("eventTypes", new JsonArray())), 400, "validation_failed");
    assertProblem(send(gw.client.post("/v1/webhooks"), key, new JsonObject().put("url", url)), 400, "validation_failed");
    assertProblem(send(gw.client.post("/v1/webhooks"), key, new JsonObject().put("url", url).put("eventTypes", new JsonArray().add("*"))
        .put("secret", "mine")), 400, "validation_failed");
    assertProblem(send(gw.client.post("/v1/webhooks"), key, new JsonObject().put("url", "https://no-such-host.invalid/")
        .put("eventTypes", new JsonArray().add("*"))), 400, "webhook_url_refused");
    assertProblem(send(gw.client.post("/v1/webhooks"), tenantKey("tenant:read"), new JsonObject().put("url", url)
        .put("eventTypes", new JsonArray().add("*"))), 403, "insufficient_scope");
    String id = create(key, url, "*").getString("id");
    assertProblem(send(gw.client.patch("/v1/webhooks/" + id), key, new JsonObject().put("enabled", "yes")), 400, "validation_failed");
    assertProblem(send(gw.client.get("/v1/webhooks/" + id + "/deliveries?cursor=bogus"), key, null), 400, "validation_failed");
    assertProblem(send(gw.client.get("/v1/webhooks/not-an-id"), key, null), 404, "not_found");
    for (int more = 1; more < WebhookEndpointStore.MAX_PER_TENANT; more++) {
      create(key, url, "*");
    }
    assertProblem(send(gw.client.post("/v1/webhooks"), key, new JsonObject().put("url", url).put("eventTypes", new JsonArray().add("*"))),
        409, "too_many_webhook_endpoints");
  }

  @Test
  void should_refuse_loopback_and_plain_http_urls_when_private_targets_are_not_allowed() {
    try (TestGateway strict = TestGateway.start(Map.of("SPGATE_PG_URL", postgres.url().toString(), "SPGATE_ADMIN_KEY", ADMIN_KEY))) {
      String key = tenantKey("tenant:write");
      JsonArray all = new JsonArray().add("*");

      HttpResponse<Buffer> loopback = send(strict.client.post("/v1/webhooks"), key, new JsonObject().put("url", "https://127.0.0.1:8443/")
          .put("eventTypes", all));
      HttpResponse<Buffer> localhost = send(strict.client.post("/v1/webhooks"), key, new JsonObject().put("url", "https://localhost/")
          .put("eventTypes", all));
      HttpResponse<Buffer> metadata = send(strict.client.post("/v1/webhooks"), key, new JsonObject()
          .put("url", "https://169.254.169.254/latest/meta-data").put("eventTypes", all));
      HttpResponse<Buffer> http = send(strict.client.post("/v1/webhooks"), key, new JsonObject().put("url", "http://93.184.215.14/")
          .put("eventTypes", all));
      HttpResponse<Buffer> publicHttps = send(strict.client.post("/v1/webhooks"), key, new JsonObject()
          .put("url", "https://93.184.215.14/hooks").put("eventTypes", all));

      assertProblem(loopback, 400, "webhook_url_refused");
      assertThat(loopback.bodyAsJsonObject().getString("detail")).contains("loopback");
      assertProblem(localhost, 400, "webhook_url_refused");
      assertProblem(metadata, 400, "webhook_url_refused");
      assertThat(metadata.bodyAsJsonObject().getString("detail")).contains("link-local");
      assertProblem(http, 400, "validation_failed");
      assertThat(http.bodyAsJsonObject().getString("detail")).isEqualTo("'url' must be an https URL.");
      assertThat(publicHttps.statusCode()).as(publicHttps.bodyAsString()).isEqualTo(201);
      send(strict.client.delete("/v1/webhooks/" + publicHttps.bodyAsJsonObject().getString("id")), key, null);
    }
  }

  private JsonObject create(String key, String url, String type) {
    HttpResponse<Buffer> created = send(gw.client.post("/v1/webhooks"), key, new JsonObject().put("url", url)
        .put("eventTypes", new JsonArray().add(type)));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject();
  }

  private JsonObject events(String key, String query) {
    HttpResponse<Buffer> page = send(gw.client.get("/v1/events" + query), key, null);
    assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
    return page.bodyAsJsonObject();
  }

  private static List<String> types(JsonObject page) {
    return page.getJsonArray("items").stream().map(e -> ((JsonObject) e).getString("type")).toList();
  }

  private void append(NewEvent event) {
    await(pool.withTransaction(tx -> new Outbox().append(tx, List.of(event))));
  }

  private UUID createTenant() {
    HttpResponse<Buffer> created = send(gw.client.post("/v1/tenants"), ADMIN_KEY,
        new JsonObject().put("name", "Hooks " + UUID.randomUUID()));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return UUID.fromString(created.bodyAsJsonObject().getString("id"));
  }

  /** A key of a new tenant. */
  private String tenantKey(String scope) {
    return key(createTenant(), scope);
  }

  private String key(UUID tenant, String scope) {
    HttpResponse<Buffer> key = send(gw.client.post("/v1/tenants/" + tenant + "/keys"), ADMIN_KEY, new JsonObject().put("name", "hooks")
        .put("scopes", new JsonArray().add(scope)));
    assertThat(key.statusCode()).as(key.bodyAsString()).isEqualTo(201);
    return key.bodyAsJsonObject().getString("key");
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, String key, JsonObject body) {
    request.putHeader("Authorization", "Bearer " + key);
    return await(body == null ? request.send() : request.sendJsonObject(body));
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo(code);
  }
}
