package io.spgate.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.Eventually;
import io.spgate.RawHttp;
import io.spgate.SimulatedAmazon;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An instance takes SPGATE_UPDATE_INTAKES_AT_ONCE requests of updates at a time: each holds a database connection in
 * its transaction while its body arrives, so a slow upload makes the next request wait its turn (503 with Retry-After)
 * rather than take the pool.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeBoundIT {

  private FanoutStack stack;
  private Seller seller;
  private List<FanoutStack.Sku> skus;

  @BeforeAll
  void start() {
    stack = FanoutStack.start(new SimulatorOptions().port(0).sellers(1).listingsPerSeller(10).ordersPerSeller(0),
        FanoutStack.settings("SPGATE_UPDATE_INTAKES_AT_ONCE", "1"));
    seller = stack.sellers.get(0);
    skus = stack.skus(seller);
    assertThat(stack.importMappings(seller, skus, "", "").getInteger("imported")).isEqualTo(skus.size());
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void should_answer_updates_busy_while_a_slow_body_holds_the_only_intake_and_take_requests_again_once_it_ended() throws IOException {
    List<FanoutStack.Sku> merchantFulfilled = skus.stream().filter(s -> !s.fba()).toList(); // a handling time is theirs alone
    FanoutStack.Sku sku = merchantFulfilled.get(0);
    String head = "POST /v1/updates?tenantId=" + stack.tenant + " HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer "
        + SimulatedAmazon.ADMIN_KEY + "\r\nContent-Type: application/json\r\nIdempotency-Key: slow-upload\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n";
    try (RawHttp slow = new RawHttp(stack.gateway().port(), Duration.ofSeconds(30))) {
      slow.write((head + chunk("{\"items\":[")).getBytes(StandardCharsets.UTF_8));
      // The slow intake has claimed its key in its transaction and waits for the rest of its body. Its last statement is
      // the claim: another transaction idle for a moment (a worker's) would not show that the intake has begun.
      assertThat(Eventually.holds(stack.amazon.vertx, () -> stack.count("SELECT count(*) FROM pg_stat_activity"
          + " WHERE datname = current_database() AND state = 'idle in transaction' AND query LIKE 'INSERT INTO update_jobs%'") > 0))
          .as("the slow intake's transaction").isTrue();

      HttpResponse<Buffer> busy = stack.updates("while-busy", new JsonArray().add(update(sku, 2)));

      assertThat(busy.statusCode()).as(busy.bodyAsString()).isEqualTo(503);
      assertThat(busy.bodyAsJsonObject().getString("code")).isEqualTo("updates_busy");
      assertThat(busy.getHeader("Retry-After")).isEqualTo("1");

      slow.write((chunk(update(sku, 3).encode() + "]}") + "0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      RawHttp.Answer slowAnswer = slow.read(false);
      assertThat(slowAnswer.status()).as(slowAnswer.bodyText()).isEqualTo(202);
      assertThat(new JsonObject(slowAnswer.bodyText()).getInteger("accepted")).isEqualTo(1);
    }

    HttpResponse<Buffer> after = stack.updates("after-the-slow-one", new JsonArray().add(update(merchantFulfilled.get(1), 4)));
    assertThat(after.statusCode()).as(after.bodyAsString()).isEqualTo(202);
  }

  private JsonObject update(FanoutStack.Sku sku, int handlingTime) {
    return new JsonObject().put("channelId", FanoutStack.channel(seller)).put("sku", sku.sku()).put("handlingTime", handlingTime);
  }

  private static String chunk(String text) {
    return Integer.toHexString(text.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + text + "\r\n";
  }
}
