package io.spgate.logging;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.CapturedLog;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LogContextTest {

  private static final Logger LOG = LoggerFactory.getLogger(LogContextTest.class);

  private static final UUID TENANT = UUID.randomUUID();
  private static final UUID SELLER = UUID.randomUUID();

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  @Test
  void should_give_each_requests_lines_its_own_fields_on_every_thread_it_hops_to() {
    List<Promise<Void>> arrived = new CopyOnWriteArrayList<>();
    HttpServer server = await(vertx.createHttpServer().requestHandler(request -> {
      LogContext.beginRequest(request.getHeader("X-Request-Id"));
      LogContext.tenant(UUID.fromString(request.getHeader("X-Tenant")));
      // Both requests are in flight before either logs: a field kept per thread or per event loop would mix them. Each
      // waits on a promise of its own context, as the gateway's code does, whoever completes it.
      Promise<Void> bothArrived = ContextInternal.current().promise();
      arrived.add(bothArrived);
      if (arrived.size() == 2) {
        arrived.forEach(Promise::complete);
      }
      bothArrived.future()
          .compose(v -> vertx.executeBlocking(() -> {
            LOG.info("on a worker");
            return null;
          }))
          .compose(v -> vertx.timer(1))
          .onComplete(v -> {
            LOG.info("on the event loop, later");
            request.response().end();
          });
    }).listen(0, "127.0.0.1"));
    HttpClient client = vertx.createHttpClient();
    Map<String, UUID> tenants = Map.of("request-a", UUID.randomUUID(), "request-b", UUID.randomUUID());

    try (CapturedLog log = new CapturedLog()) {
      await(Future.all(tenants.entrySet().stream().map(e -> client.request(new RequestOptions().setMethod(HttpMethod.GET)
              .setHost("127.0.0.1").setPort(server.actualPort()).setURI("/").addHeader("X-Request-Id", e.getKey())
              .addHeader("X-Tenant", e.getValue().toString()))
          .compose(request -> request.send()).compose(response -> response.body())).toList()));
      LOG.info("outside any request");

      List<JsonObject> lines = log.json().stream().filter(line -> line.getString("logger").equals(LogContextTest.class.getName()))
          .toList();
      for (String request : tenants.keySet()) {
        List<JsonObject> own = lines.stream().filter(line -> request.equals(line.getString("request_id"))).toList();
        assertThat(own).extracting(line -> line.getString("message")).containsExactlyInAnyOrder("on a worker", "on the event loop, later");
        assertThat(own).extracting(line -> line.getString("tenant_id")).containsOnly(tenants.get(request).toString());
        assertThat(own).extracting(line -> line.getString("thread")).doesNotHaveDuplicates();
      }
      JsonObject outside = lines.stream().filter(line -> line.getString("message").equals("outside any request")).findFirst()
          .orElseThrow();
      assertThat(outside.fieldNames()).doesNotContain("request_id", "tenant_id", "seller_id", "operation");
      assertThat(outside.fieldNames()).contains("time", "level", "logger", "thread", "message");
    }
  }

  @Test
  void should_keep_a_background_calls_fields_off_the_shared_context_it_started_on() {
    UUID tenant = UUID.randomUUID();
    UUID seller = UUID.randomUUID();
    io.vertx.core.Context shared = vertx.getOrCreateContext();

    try (CapturedLog log = new CapturedLog()) {
      Promise<Void> called = Promise.promise();
      shared.runOnContext(v -> LogContext.ownContext(() -> {
        LogContext.call(tenant, seller, "getOrders");
        return vertx.timer(1).andThen(t -> LOG.info("in the call"));
      }).onComplete(t -> called.complete()));
      await(called.future());
      Promise<Void> next = Promise.promise();
      shared.runOnContext(v -> {
        LOG.info("the shared context's next task");
        next.complete();
      });
      await(next.future());

      List<JsonObject> lines = log.json().stream().filter(line -> line.getString("logger").equals(LogContextTest.class.getName()))
          .toList();
      JsonObject call = lines.stream().filter(line -> line.getString("message").equals("in the call")).findFirst().orElseThrow();
      assertThat(call.getString("seller_id")).isEqualTo(seller.toString());
      assertThat(call.getString("tenant_id")).isEqualTo(tenant.toString());
      assertThat(call.getString("operation")).isEqualTo("getOrders");
      JsonObject after = lines.stream().filter(line -> line.getString("message").equals("the shared context's next task")).findFirst()
          .orElseThrow();
      assertThat(after.fieldNames()).doesNotContain("tenant_id", "seller_id", "operation");
    }
  }

  @Test
  void should_write_the_fields_in_text_when_configured_so() {
    Promise<Void> logged = Promise.promise();
    LogSetup.apply(LogFormat.TEXT, Map.of());
    try (CapturedLog log = new CapturedLog()) {
      vertx.getOrCreateContext().runOnContext(v -> LogContext.ownContext(() -> {
        LogContext.beginRequest("request-t");
        LogContext.call(TENANT, SELLER, "getOrders");
        LOG.info("a line for people");
        logged.complete();
        return Future.succeededFuture();
      }));
      await(logged.future());

      assertThat(log.text()).anySatisfy(line -> assertThat(line)
          .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} " + Pattern.quote("INFO  i.s.l.LogContextTest [req=request-t tenant=" + TENANT
              + " seller=" + SELLER + " op=getOrders] - a line for people")));
    } finally {
      LogSetup.apply(LogFormat.JSON, Map.of());
    }
  }
}
