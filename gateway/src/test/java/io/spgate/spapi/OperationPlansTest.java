package io.spgate.spapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spgate.application.Application;
import io.spgate.application.ApplicationsFile;
import io.spgate.config.ConfigException;
import io.spgate.quota.Plan;
import io.spgate.quota.Rate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which rate a seller's operation gets: the application's override, the models' plan, or the configured default. */
class OperationPlansTest {

  private static final Operations OPERATIONS = Operations.bundled();

  @TempDir
  Path dir;

  @Test
  void should_prefer_the_applications_override_then_the_models_plan_then_the_default() throws IOException {
    List<Application> apps = applications(file("""
        [{"id": "main", "applicationId": "amzn1.sp.solution.x", "clientId": "c", "clientSecret": "s",
          "rates": {"getOrders": {"ratePerSecond": 2.5, "burst": 40}}}]"""));
    OperationPlans plans = new OperationPlans(OPERATIONS, id -> apps.stream().filter(a -> a.id().equals(id)).findFirst(),
        new Rate(0.25, 2));
    String seller = "main";

    Plan overridden = plan(plans, seller, "ordersV0", "GET", "getOrders");
    Plan modelled = plan(plans, seller, "ordersV0", "GET", "getOrder");
    Plan sameIdOtherApi = plan(plans, seller, "fulfillmentOutbound_2026-07-04", "GET", "getOrder");
    Plan unplanned = plan(plans, seller, "awd_2024-05-09", "GET", "listReplenishmentOrders");

    assertThat(overridden).isEqualTo(new Plan("ordersV0", "getOrders", "GET", 2.5, 40));
    assertThat(modelled).isEqualTo(new Plan("ordersV0", "getOrder", "GET", 0.5, 30));
    assertThat(sameIdOtherApi).isEqualTo(new Plan("fulfillmentOutbound_2026-07-04", "getOrder", "GET", 2, 30));
    assertThat(unplanned).isEqualTo(new Plan("awd_2024-05-09", "listReplenishmentOrders", "GET", 0.25, 2));
    assertThat(plan(plans, "other", "ordersV0", "GET", "getOrders").ratePerSecond()).as("another application's seller")
        .isEqualTo(0.0167);
  }

  @Test
  void should_refuse_overrides_that_are_malformed_or_name_no_modelled_operation() throws IOException {
    String entry = "[{\"id\": \"main\", \"applicationId\": \"a\", \"clientId\": \"c\", \"clientSecret\": \"s\", \"rates\": %s}]";

    assertThatThrownBy(() -> ApplicationsFile.read(file(entry.formatted("[1]")))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("rates is not an object");
    assertThatThrownBy(() -> ApplicationsFile.read(file(entry.formatted("{\"getOrders\": {\"ratePerSecond\": 0, \"burst\": 1}}"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ratePerSecond > 0");
    assertThatThrownBy(() -> ApplicationsFile.read(file(entry.formatted("{\"getOrders\": {\"ratePerSecond\": 1, \"burst\": 1.5}}"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'getOrders'");
    List<Application> typo = applications(file(entry.formatted("{\"getOrder5\": {\"ratePerSecond\": 1, \"burst\": 1}}")));
    assertThatThrownBy(() -> OperationPlans.checkOverrides(OPERATIONS, typo)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'getOrder5'");
  }

  private static List<Application> applications(Path file) {
    return ApplicationsFile.read(file).stream().map(ApplicationsFile.Entry::application).toList();
  }

  private static Plan plan(OperationPlans plans, String application, String api, String method, String operationId) {
    return plans.plans(application).stream()
        .filter(p -> p.api().equals(api) && p.method().equals(method) && p.operationId().equals(operationId)).findFirst().orElseThrow();
  }

  private Path file(String json) throws IOException {
    Path file = Files.createTempFile(dir, "applications", ".json");
    Files.writeString(file, json);
    return file;
  }
}
