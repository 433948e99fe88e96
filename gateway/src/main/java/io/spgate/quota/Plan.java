package io.spgate.quota;

/**
 * The bucket one call draws from and its rate. Keyed by method and operationId: the models give
 * one operationId two methods with different plans.
 */
public record Plan(String operationId, String method, double ratePerSecond, int burst) {

  public Plan(String operationId, String method, Rate rate) {
    this(operationId, method, rate.perSecond(), rate.burst());
  }
}
