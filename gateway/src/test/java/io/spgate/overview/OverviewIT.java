package io.spgate.overview;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.Eventually;
import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The console's overview: a tenant's sellers by status and its own SP-API calls over the last hour, across instances. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverviewIT {

  private SimulatedAmazon amazon;
  private TestPostgres postgres;
  private TestGateway gw;
  private List<Seller> sellers;

  @BeforeAll
  void start() {
    amazon = SimulatedAmazon.start(new SimulatorOptions().sellers(3).quotas(false));
    postgres = TestPostgres.create();
    gw = TestGateway.start(amazon.gatewaySettings(postgres, Map.of()));
    sellers = amazon.registerSellers(gw, "Overview " + UUID.randomUUID());
  }

  @AfterAll
  void stop() {
    gw.close();
    postgres.close();
    amazon.close();
  }

  @Test
  void should_show_a_tenants_sellers_by_status_and_its_calls_once_their_slot_ended() {
    Seller seller = sellers.get(0);
    String tenant = seller.tenantId().toString();
    String otherTenant = amazon.createTenant(gw, "Quiet " + UUID.randomUUID());
    assertThat(await(gw.client.patch("/v1/sellers/" + sellers.get(1).id()).addQueryParam("tenantId", tenant)
        .putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY)
        .sendJsonObject(new JsonObject().put("status", "disabled"))).statusCode()).isEqualTo(200);
    // Amazon drops the third seller's grant: its next call's refresh fails, and it needs re-authorization.
    amazon.simulator.revokeRefreshToken(amazon.simulator.sellers().get(2).refreshToken());
    HttpResponse<Buffer> refused = await(gw.client.get("/v1/sellers/" + sellers.get(2).id() + "/sp-api/sellers/v1/marketplaceParticipations")
        .addQueryParam("tenantId", tenant).putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).send());
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(409);
    Instant before = Instant.now();
    int calls = 4;
    for (int i = 0; i < calls; i++) {
      HttpResponse<Buffer> answer = await(gw.client.get("/v1/sellers/" + seller.id() + "/sp-api/sellers/v1/marketplaceParticipations")
          .addQueryParam("tenantId", tenant).putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).send());
      assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    }

    // The calls show once their 10 s slot has ended.
    JsonObject shown = Eventually.until(amazon.vertx, () -> overview(tenant), o -> o.getJsonObject("lastHour").getLong("calls") >= calls + 1
        && o.getJsonObject("lastHour").getLong("tokenFailures") >= 1);
    JsonObject quiet = overview(otherTenant);

    assertThat(shown.getJsonObject("sellers").getMap()).containsEntry("total", 3).containsEntry("active", 1)
        .containsEntry("disabled", 1).containsEntry("reauthRequired", 1).containsEntry("tokenErrors", 0);
    // The refused call counts as a call that ended (in failure), and as one failed refresh.
    assertThat(shown.getJsonObject("lastHour").getLong("calls")).isEqualTo(calls + 1);
    assertThat(shown.getJsonObject("lastHour").getLong("tokenFailures")).isOne();
    assertThat(shown.getJsonObject("lastHour").getLong("throttles")).isZero();
    assertThat(shown.getJsonObject("lastHour").getDouble("quotaWaitP99Ms")).isNotNull();
    JsonArray points = shown.getJsonObject("history").getJsonArray("points");
    assertThat(points).hasSize(360);
    JsonObject busy = points.stream().map(JsonObject.class::cast).filter(p -> p.getLong("calls") > 0).findFirst().orElseThrow();
    assertThat(Instant.parse(busy.getString("at"))).isBetween(before.minusSeconds(10), Instant.now());
    assertThat(busy.getDouble("callsPerSecond")).isEqualTo(busy.getLong("calls") / 10.0);
    assertThat(quiet.getJsonObject("lastHour").getLong("calls")).isZero();
    assertThat(quiet.getJsonObject("sellers").getLong("total")).isZero();
  }

  @Test
  void should_add_up_what_every_instance_wrote_of_a_slot() {
    Vertx vertx = Vertx.vertx();
    Pool pool = postgres.pool(vertx, 2);
    try {
      UUID tenant = UUID.fromString(amazon.createTenant(gw, "Instances " + UUID.randomUUID()));
      Instant slot = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 10 * 10 - 60);
      long[] fast = new long[WaitBuckets.COUNT];
      fast[WaitBuckets.of(0)] = 5;
      long[] slow = new long[WaitBuckets.COUNT];
      slow[WaitBuckets.of(300)] = 1;
      ActivityStore one = new ActivityStore(pool, UUID.randomUUID());
      ActivityStore two = new ActivityStore(pool, UUID.randomUUID());

      await(one.write(List.of(new SlotCounts(tenant, slot, 5, 0, 0, fast))));
      await(two.write(List.of(new SlotCounts(tenant, slot, 1, 1, 2, slow))));
      await(two.write(List.of(new SlotCounts(tenant, slot, 1, 0, 0, slow))));
      int purged = await(one.purge(Instant.now()));
      List<SlotCounts> read = await(one.since(tenant, slot.minusSeconds(1)));

      SlotCounts sum = read.stream().reduce(SlotCounts::plus).orElseThrow();
      assertThat(read).hasSize(2);
      assertThat(sum.calls()).isEqualTo(7);
      assertThat(sum.throttles()).isOne();
      assertThat(sum.tokenFailures()).isEqualTo(2);
      assertThat(sum.waits()[WaitBuckets.of(300)]).isEqualTo(2);
      assertThat(WaitBuckets.percentile(sum.waits(), 0.99)).hasValue(500);
      assertThat(purged).isZero();
    } finally {
      await(pool.close());
      await(vertx.close());
    }
  }

  private JsonObject overview(String tenant) {
    HttpResponse<Buffer> answer = await(gw.client.get("/v1/overview").addQueryParam("tenantId", tenant)
        .putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).send());
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    return answer.bodyAsJsonObject();
  }
}
