package io.spgate.fanout;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.Eventually;
import io.spgate.LoadBalancer;
import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.TestRedisServer;
import io.spgate.seller.Marketplace;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.http.RequestStats;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three instances on one Postgres and one Redis, behind a load balancer, restarted one after the other (a graceful
 * stop, as on SIGTERM, then a fresh instance on the same ports) while clients keep calling and a job of patches runs:
 * every request taken is answered and none with a 5xx, and every item of the job reaches Amazon exactly once.
 */
@Timeout(180)
class RollingRestartIT {

  private static final int INSTANCES = 3;
  /** Clients calling at once, each its next call as soon as the last was answered. */
  private static final int CLIENTS = 6;

  @Test
  void should_answer_every_request_and_send_every_item_once_while_each_instance_restarts() {
    Vertx vertx = Vertx.vertx();
    TestRedisServer redis = TestRedisServer.start(vertx);
    // Patches only (a feed is expected to take half an hour), in rounds of about a second (a sixth of the lease).
    Map<String, String> settings = FanoutStack.settings("SPGATE_REDIS_URL", redis.url(), "SPGATE_UPDATE_LEASE", "6s",
        "SPGATE_SHUTDOWN_GRACE", "20s");
    try (redis; FanoutStack stack = FanoutStack.start(new SimulatorOptions().port(0).sellers(3).listingsPerSeller(200)
        .ordersPerSeller(0), settings)) {
      Map<Seller, List<FanoutStack.Sku>> skus = new HashMap<>();
      for (Seller seller : stack.sellers) {
        skus.put(seller, stack.skus(seller).stream().filter(s -> !s.fba()).toList());
        stack.importMappings(seller, skus.get(seller), "", "");
      }
      List<TestGateway> instances = new ArrayList<>(List.of(stack.gateway(), stack.startAnother(), stack.startAnother()));
      // Every SP-API call takes a while, so that calls are in progress whenever an instance stops.
      stack.amazon.simulator.faults().setAddedLatencyMillis(150);
      List<Integer> ports = instances.stream().map(TestGateway::port).toList();
      List<Integer> managementPorts = instances.stream().map(i -> i.gateway.managementPort()).toList();

      try (LoadBalancer balancer = new LoadBalancer(ports)) {
        Clients clients = new Clients(balancer, stack, skus);
        String job = clients.submit();
        clients.start(job);
        Eventually.until(stack.amazon.vertx, () -> stack.job(job), j -> j.getJsonObject("counts").getInteger("accepted") > 0);

        int drained = 0;
        for (int i = 0; i < INSTANCES; i++) {
          TestGateway old = instances.get(i);
          await(balancer.remove(i));
          int answeredBefore = clients.answered.get();
          drained += balancer.unanswered(i);
          // The path SIGTERM takes; the stack's close then finds the instance stopped.
          await(old.gateway.stop());
          stack.stop(old);
          TestGateway fresh = stack.startAnother(Map.of("SPGATE_PORT", String.valueOf(ports.get(i)),
              "SPGATE_MANAGEMENT_PORT", String.valueOf(managementPorts.get(i))));
          instances.set(i, fresh);
          assertThat(await(fresh.management("/health/ready").send()).statusCode()).isEqualTo(200);
          balancer.add(i);
          assertThat(clients.answered.get()).as("calls answered while instance %d restarted", i).isGreaterThan(answeredBefore);
        }
        assertThat(stack.job(job).getString("finishedAt")).as("the job still ran after the last restart").isNull();
        assertThat(drained).as("requests in progress at the instances when they stopped").isPositive();

        JsonObject done = stack.finished(job);
        clients.stop();
        int items = skus.values().stream().mapToInt(List::size).sum();
        assertThat(done.getJsonObject("counts").getInteger("accepted")).isEqualTo(items);
        assertThat(clients.lost).as("requests taken and never answered").isEmpty();
        assertThat(clients.serverErrors).as("requests answered with a 5xx").isEmpty();
        assertThat(clients.answeredBy.keySet()).as("instances that answered").hasSize(INSTANCES);
        // A patch whose connection was cut before Amazon's answer is counted by no seller: none was.
        for (String outcome : List.of("2xx", "429", "other")) {
          assertThat(stack.amazon.simulator.stats().count(RequestStats.ANONYMOUS, Planner.PATCH_OPERATION, outcome)).as("cut patches")
              .isZero();
        }
        for (Seller seller : stack.sellers) {
          // Each SKU patched at least once (its listing shows the new price), and as many patches as SKUs reached Amazon.
          assertThat(stack.amazon.simulator.stats().count(seller.sellingPartnerId(), Planner.PATCH_OPERATION, "2xx"))
              .as("patches of seller %s", seller.sellingPartnerId()).isEqualTo(skus.get(seller).size());
          Map<String, BigDecimal> listed = new HashMap<>();
          stack.skus(seller).forEach(sku -> listed.put(sku.sku(), sku.price()));
          for (FanoutStack.Sku sku : skus.get(seller)) {
            assertThat(listed.get(sku.sku())).as(sku.sku()).isEqualByComparingTo(sku.priceTimes(1.1));
          }
        }
      }
    } finally {
      await(vertx.close());
    }
  }

  /** Clients calling through the balancer: the SP-API pass-through (a listing) and the job's progress, in turn. */
  private static final class Clients {
    final AtomicInteger answered = new AtomicInteger();
    final Map<Integer, Boolean> answeredBy = new ConcurrentHashMap<>();
    final Queue<String> lost = new ConcurrentLinkedQueue<>();
    final Queue<String> serverErrors = new ConcurrentLinkedQueue<>();
    private final LoadBalancer balancer;
    private final FanoutStack stack;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Future<Void>> running = new ArrayList<>();
    private final AtomicInteger turn = new AtomicInteger();
    private final Map<Seller, List<FanoutStack.Sku>> skus;

    Clients(LoadBalancer balancer, FanoutStack stack, Map<Seller, List<FanoutStack.Sku>> skus) {
      this.balancer = balancer;
      this.stack = stack;
      this.skus = skus;
    }

    /** The job of every SKU at 1.1 times its price, posted through the balancer; its id. */
    String submit() {
      JsonArray items = new JsonArray();
      skus.forEach((seller, list) -> {
        String currency = Marketplace.byId(seller.marketplaces().get(0)).orElseThrow().currency();
        list.forEach(sku -> items.add(new JsonObject().put("channelId", FanoutStack.channel(seller)).put("sku", sku.sku())
            .put("price", new JsonObject().put("amount", new BigDecimal(sku.priceTimes(1.1))).put("currency", currency))));
      });
      Map<String, String> headers = new HashMap<>(admin());
      headers.put("Content-Type", "application/json");
      headers.put("Idempotency-Key", UUID.randomUUID().toString());
      LoadBalancer.Answer answer = await(balancer.send(HttpMethod.POST, "/v1/updates?tenantId=" + stack.tenant, headers,
          items.toBuffer()));
      assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
      return new JsonObject(answer.body()).getString("jobId");
    }

    void start(String job) {
      for (int i = 0; i < CLIENTS; i++) {
        Promise<Void> ended = Promise.promise();
        balancer.vertx.runOnContext(v -> next(job, ended));
        running.add(ended.future());
      }
    }

    /** Stops calling; returns once every call made was answered or failed. */
    void stop() {
      stopping.set(true);
      await(Future.join(running));
    }

    private void next(String job, Promise<Void> ended) {
      if (stopping.get()) {
        ended.complete();
        return;
      }
      String uri = call(job, turn.getAndIncrement());
      balancer.send(HttpMethod.GET, uri, admin(), null).onComplete(result -> {
        if (result.failed()) {
          lost.add(uri + ": " + result.cause());
        } else {
          answered.incrementAndGet();
          answeredBy.put(result.result().instance(), true);
          if (result.result().status() >= 500) {
            serverErrors.add(uri + ": " + result.result().status() + " " + result.result().body());
          }
        }
        next(job, ended);
      });
    }

    private String call(String job, int turn) {
      if (turn % 2 == 0) {
        return "/v1/jobs/" + job + "?tenantId=" + stack.tenant;
      }
      Seller seller = stack.sellers.get(turn / 2 % stack.sellers.size());
      List<FanoutStack.Sku> listed = skus.get(seller);
      String sku = listed.get(turn % listed.size()).sku();
      return "/v1/sellers/" + seller.id() + "/sp-api/listings/2021-08-01/items/" + seller.sellingPartnerId() + "/"
          + URLEncoder.encode(sku, StandardCharsets.UTF_8).replace("+", "%20") + "?marketplaceIds=" + seller.marketplaces().get(0)
          + "&includedData=summaries&tenantId=" + stack.tenant;
    }

    private static Map<String, String> admin() {
      return Map.of("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY);
    }
  }
}
