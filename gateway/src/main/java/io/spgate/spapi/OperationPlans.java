package io.spgate.spapi;

import io.spgate.config.ConfigException;
import io.spgate.quota.Plan;
import io.spgate.quota.PlanLookup;
import io.spgate.quota.Rate;
import io.spgate.seller.Application;
import io.spgate.seller.Applications;
import io.spgate.seller.Seller;
import java.util.Collection;
import java.util.Optional;

/**
 * The quota plan of a seller's operation: the application's override, else the models' usage
 * plan, else the conservative default for operations the models give no plan.
 */
public final class OperationPlans implements PlanLookup {

  private final Operations operations;
  private final Applications applications;
  private final Rate unplanned;

  public OperationPlans(Operations operations, Applications applications, Rate unplanned) {
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

  public Plan plan(Seller seller, Operation operation) {
    Rate rate = applications.byId(seller.application())
        .flatMap(app -> Optional.ofNullable(app.rates().get(operation.operationId())))
        .or(operation::modelledRate)
        .orElse(unplanned);
    return new Plan(operation.operationId(), operation.method(), rate);
  }

  @Override
  public Plan plan(Seller seller, String method, String operationId) {
    return operations.byId(method, operationId).map(operation -> plan(seller, operation))
        .orElseGet(() -> new Plan(operationId, method, unplanned));
  }
}
