package io.spgate.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.support.OfficialModels;
import io.spgate.simulator.support.SimHarness;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
class ServedOperationsTest {
  private static SimHarness harness;

  @BeforeAll
  static void start(Vertx vertx) {
    harness = SimHarness.start(vertx, new SimulatorOptions().sellers(2));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void every_served_operation_exists_in_the_official_model_with_the_same_method_and_path() {
    List<ModelOperation> served = harness.sim().servedOperations();
    assertThat(served).isNotEmpty();
    Map<String, String> files = ModelCatalog.SERVED_MODEL_FILES.stream()
        .collect(Collectors.toMap(f -> f.substring(f.indexOf('/') + 1, f.length() - 5), f -> "models/" + f));
    for (ModelOperation op : served) {
      JsonObject official = OfficialModels.json(files.get(op.api()));
      JsonObject pathItem = official.getJsonObject("paths").getJsonObject(op.path());
      assertThat(pathItem).as("%s %s in %s", op.method(), op.path(), op.api()).isNotNull();
      JsonObject operation = pathItem.getJsonObject(op.method().toLowerCase());
      assertThat(operation).as("%s %s", op.method(), op.path()).isNotNull();
      assertThat(operation.getString("operationId")).isEqualTo(op.operationId());
    }
  }

  @Test
  void the_operations_the_issue_asks_for_are_all_served() {
    List<String> ids = harness.sim().servedOperations().stream().map(ModelOperation::operationId).toList();
    assertThat(ids).contains(
        "getOrders", "getOrder", "getOrderItems", "getOrderAddress", "getOrderBuyerInfo", "confirmShipment",
        "getListingsItem", "putListingsItem", "patchListingsItem", "deleteListingsItem", "searchListingsItems",
        "createFeedDocument", "createFeed", "getFeed", "getFeedDocument",
        "createReport", "getReport", "getReports", "getReportDocument",
        "getItemOffersBatch", "getCompetitiveSummary", "getFeaturedOfferExpectedPriceBatch",
        "getInventorySummaries", "createRestrictedDataToken", "getMarketplaceParticipations",
        "createDestination", "createSubscription",
        "searchOrders", "getSubscription", "getSubscriptions", "getSubscriptionById", "deleteSubscriptionById", "sendTestNotification");
    assertThat(harness.sim().servedOperations()).extracting(ModelOperation::key)
        .contains("orders_2026-01-01.getOrder", "orders_2026-01-01.searchOrders", "ordersV0.getOrder");
  }

  @Test
  void each_served_route_answers_on_its_model_path_and_unknown_paths_do_not() {
    for (ModelOperation op : harness.sim().servedOperations()) {
      String path = op.path().replaceAll("\\{[^}]+}", "X1");
      HttpResponse<Buffer> response = harness.request(HttpMethod.valueOf(op.method()), path, null).send().await();
      // Without a token the pipeline answers 403 Unauthorized: proof the route matched and auth came first.
      assertThat(response.statusCode()).as("%s %s", op.method(), path).isEqualTo(403);
      assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("Unauthorized");
    }
    HttpResponse<Buffer> unknown = harness.request(HttpMethod.GET, "/orders/v0/nothing-here", null).send().await();
    assertThat(unknown.statusCode()).isEqualTo(404);
  }
}
