package io.spgate.simulator.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.support.SimHarness;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
class GetOrdersPaginationTest {

  private static List<String> allPages(SimHarness harness, String token, String firstQuery, String marketplaceId) {
    List<String> ids = new ArrayList<>();
    String query = firstQuery;
    while (true) {
      JsonObject payload = harness.get("/orders/v0/orders?" + query, token).bodyAsJsonObject().getJsonObject("payload");
      JsonArray orders = payload.getJsonArray("Orders");
      for (int i = 0; i < orders.size(); i++) {
        ids.add(orders.getJsonObject(i).getString("AmazonOrderId"));
      }
      String next = payload.getString("NextToken");
      if (next == null) {
        return ids;
      }
      query = "MarketplaceIds=" + marketplaceId + "&NextToken=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }
  }

  @Test
  void pages_of_MaxResultsPerPage_cover_every_order_once_in_date_order(Vertx vertx) {
    try (SimHarness harness = SimHarness.start(vertx, new SimulatorOptions().sellers(1).ordersPerSeller(60).timeScale(100))) {
      Seller seller = harness.seller(0);
      String token = harness.accessToken(seller);
      String mps = String.join(",", seller.marketplaceIds());
      List<String> single = allPages(harness, token, "MarketplaceIds=" + mps + "&CreatedAfter=2000-01-01", mps);
      List<String> paged = allPages(harness, token, "MarketplaceIds=" + mps + "&CreatedAfter=2000-01-01&MaxResultsPerPage=7", mps);
      assertThat(single).hasSize(60);
      assertThat(paged).containsExactlyElementsOf(single);

      // An order updated between two pages of a LastUpdatedAfter sync is neither lost nor shifts a page.
      String first = "MarketplaceIds=" + mps + "&LastUpdatedAfter=2000-01-01T00:00:00Z&MaxResultsPerPage=10";
      JsonObject page1 = harness.get("/orders/v0/orders?" + first, token).bodyAsJsonObject().getJsonObject("payload");
      harness.sim().placeOrder(seller.sellerId());
      List<String> rest = allPages(harness, token,
          "MarketplaceIds=" + mps + "&NextToken=" + URLEncoder.encode(page1.getString("NextToken"), StandardCharsets.UTF_8), mps);
      List<String> ids = new ArrayList<>();
      page1.getJsonArray("Orders").forEach(o -> ids.add(((JsonObject) o).getString("AmazonOrderId")));
      ids.addAll(rest);
      assertThat(new HashSet<>(ids)).hasSize(ids.size()).hasSize(60);
      assertThat(page1.getString("LastUpdatedBefore")).isNotBlank();
    }
  }
}
