package io.spgate.spapi;

import io.spgate.application.Application;
import io.spgate.config.ConfigException;
import io.spgate.quota.Plan;
import io.spgate.quota.PlanLookup;
import io.spgate.quota.Rate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The quota plan of a seller's operation: the application's override, else the models' usage
 * plan, else the conservative default for operations the models give no plan.
 */
public final class OperationPlans implements PlanLookup {

  private final Operations operations;
  private final Function<String, Optional<Application>> applications;
  private final Rate unplanned;

  /** @param applications an application by its id */
  public OperationPlans(Operations operations, Function<String, Optional<Application>> applications, Rate unplanned) {
    this.operations = operations;
    this.applications = applications;
    this.unplanned = unplanned;
  }

  /** Refuses overrides naming operations the models do not have, so a typo is not silently ignored. */
  public static void checkOverrides(Operations operations, Collection<Application> applications) {
    for (Application app : applications) {
      for (String operationId : app.rates().keySet()) {
        if (operations.all().stream().noneMatch(o -> o.operationId().equals(operationId))) {
          throw new ConfigException("SPGATE_APPLICATIONS_FILE application '" + app.id() + "' overrides the rate of '" + operationId
              + "', which is not an operationId of the SP-API models");
        }
      }
    }
  }

  public Plan plan(String application, Operation operation) {
    Rate rate = applications.apply(application)
        .flatMap(app -> Optional.ofNullable(app.rates().get(operation.operationId())))
        .or(operation::modelledRate)
        .orElse(unplanned);
    return new Plan(operation.api(), operation.operationId(), operation.method(), rate);
  }

  @Override
  public List<Plan> plans(String application) {
    return operations.all().stream().map(operation -> plan(application, operation)).toList();
  }
}
