package io.spgate.quota;

/** The plan in force for an application's operation, as the view of a bucket needs it. */
@FunctionalInterface
public interface PlanLookup {

  Plan plan(String application, String api, String method, String operationId);
}
