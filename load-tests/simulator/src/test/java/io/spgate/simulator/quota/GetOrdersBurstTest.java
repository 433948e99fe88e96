package io.spgate.simulator.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.support.SimHarness;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
class GetOrdersBurstTest {

  private static List<HttpResponse<Buffer>> burst(SimHarness harness, Seller seller, String token, int calls) {
    String path = "/orders/v0/orders?MarketplaceIds=" + seller.homeMarketplace().id() + "&CreatedAfter=2020-01-01T00:00:00Z";
    List<Future<HttpResponse<Buffer>>> inFlight = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      inFlight.add(harness.request(HttpMethod.GET, path, token).send());
    }
    return Future.all(inFlight).await().list();
  }

  @Test
  void twenty_one_getOrders_in_a_burst_give_twenty_successes_then_QuotaExceeded(Vertx vertx) {
    try (SimHarness harness = SimHarness.start(vertx, new SimulatorOptions().sellers(2))) {
      Seller seller = harness.seller(0);
      List<HttpResponse<Buffer>> responses = burst(harness, seller, harness.accessToken(seller), 21);

      assertThat(responses).filteredOn(r -> r.statusCode() == 200).hasSize(20);
      List<HttpResponse<Buffer>> throttled = responses.stream().filter(r -> r.statusCode() == 429).toList();
      assertThat(throttled).hasSize(1);
      HttpResponse<Buffer> last = throttled.get(0);
      assertThat(last.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("QuotaExceeded");
      assertThat(last.getHeader("x-amzn-RequestId")).isNotBlank();
      assertThat(last.getHeader("x-amzn-RateLimit-Limit")).as("never on throttled answers").isNull();
      assertThat(responses.get(0).getHeader("x-amzn-RateLimit-Limit")).isEqualTo("0.0167");
      assertThat(harness.sim().stats().count(seller.sellerId(), "getOrders", "2xx")).isEqualTo(20);
      assertThat(harness.sim().stats().count(seller.sellerId(), "getOrders", "429")).isEqualTo(1);

      // The bucket is per seller: another seller still has its whole burst.
      Seller other = harness.seller(1);
      assertThat(burst(harness, other, harness.accessToken(other), 1).get(0).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void searchOrders_of_2026_has_its_own_bucket_of_twenty_at_0_0056_a_second(Vertx vertx) {
    try (SimHarness harness = SimHarness.start(vertx, new SimulatorOptions().sellers(1))) {
      Seller seller = harness.seller(0);
      String token = harness.accessToken(seller);
      // v0's getOrders bucket is another one: emptying it leaves searchOrders' whole.
      burst(harness, seller, token, 20);
      List<Future<HttpResponse<Buffer>>> inFlight = new ArrayList<>();
      for (int i = 0; i < 21; i++) {
        inFlight.add(harness.request(HttpMethod.GET, "/orders/2026-01-01/orders?createdAfter=2020-01-01T00:00:00Z&maxResultsPerPage=1",
            token).send());
      }
      List<HttpResponse<Buffer>> responses = Future.all(inFlight).await().list();
      assertThat(responses).filteredOn(r -> r.statusCode() == 200).hasSize(20);
      assertThat(responses).filteredOn(r -> r.statusCode() == 429).hasSize(1);
      assertThat(responses.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow().getHeader("x-amzn-RateLimit-Limit"))
          .isEqualTo("0.0056");
      assertThat(harness.sim().stats().count(seller.sellerId(), "searchOrders", "429")).isEqualTo(1);
      String orderId = responses.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow().bodyAsJsonObject()
          .getJsonArray("orders").getJsonObject(0).getString("orderId");
      assertThat(harness.get("/orders/2026-01-01/orders/" + orderId, token).getHeader("x-amzn-RateLimit-Limit")).isEqualTo("0.5");
    }
  }

  @Test
  void the_time_scale_multiplies_the_refill_rate_but_not_the_burst(Vertx vertx) {
    // 0.0167/s × 600 ≈ 10/s: a token comes back every 100 ms instead of every minute.
    try (SimHarness harness = SimHarness.start(vertx, new SimulatorOptions().sellers(1).timeScale(600))) {
      Seller seller = harness.seller(0);
      String token = harness.accessToken(seller);
      double rate = 0.0167 * 600;
      long start = System.nanoTime();
      long first = burst(harness, seller, token, 30).stream().filter(r -> r.statusCode() == 200).count();
      double firstSeconds = (System.nanoTime() - start) / 1e9;
      // The burst is 20, whatever the scale; only what refilled while the burst ran comes on top.
      assertThat(first).isBetween(20L, 20L + (long) Math.ceil(rate * firstSeconds) + 1);

      vertx.timer(350).await();
      long later = burst(harness, seller, token, 10).stream().filter(r -> r.statusCode() == 200).count();
      double totalSeconds = (System.nanoTime() - start) / 1e9;
      assertThat(later).isGreaterThanOrEqualTo(2);
      assertThat(first + later).isLessThanOrEqualTo(20L + (long) Math.ceil(rate * totalSeconds) + 1);
    }
  }
}
