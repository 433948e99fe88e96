package io.spgate.simulator.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.support.SimHarness;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A polled report shows each processing phase; /_sim/stats counts each seller's createReport calls. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class ReportProcessingTest {
  private static SimHarness harness;

  @BeforeAll
  static void start(Vertx vertx) {
    // 2 s in the queue and 4 s in progress become 200 ms and 400 ms; quotas lifted so the poll may be tight.
    harness = SimHarness.start(vertx, new SimulatorOptions().sellers(3).timeScale(10).reportDelays(2_000, 4_000).quotas(false)
        .listingsPerSeller(10));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void a_polled_report_goes_in_queue_then_in_progress_then_done_and_each_create_is_counted_for_its_seller() {
    Seller seller = harness.seller(1);
    ReportCalls calls = new ReportCalls(harness, harness.accessToken(seller));
    String reportId = calls.create("GET_MERCHANT_LISTINGS_ALL_DATA", seller.homeMarketplace().id(), null);
    List<String> phases = new ArrayList<>();
    harness.pollUntil(ReportCalls.REPORTS + "/" + reportId, harness.accessToken(seller), r -> {
      String status = r.bodyAsJsonObject().getString("processingStatus");
      if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(status)) {
        phases.add(status);
      }
      return "DONE".equals(status);
    }, Duration.ofSeconds(10));
    assertThat(phases).containsExactly("IN_QUEUE", "IN_PROGRESS", "DONE");
    JsonObject done = calls.getReport(reportId).bodyAsJsonObject();
    assertThat(done.getString("processingStartTime")).isLessThan(done.getString("processingEndTime"));

    HttpResponse<Buffer> stats = harness.client().getAbs(harness.sim().baseUrl() + "/_sim/stats").send().await();
    JsonObject sellers = stats.bodyAsJsonObject().getJsonObject("sellers");
    assertThat(sellers.getJsonObject(seller.sellerId()).getJsonObject("createReport").getLong("2xx")).isEqualTo(1);
    assertThat(sellers.getJsonObject(harness.seller(2).sellerId())).isNull();
  }
}
