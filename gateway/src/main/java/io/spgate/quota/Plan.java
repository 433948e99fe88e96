package io.spgate.quota;

/**
 * The bucket one call draws from and its rate. Named by API, method and operationId: API versions
 * reuse operationIds (getOrders is in Orders v0 and 2026-01-01), and one API gives an operationId
 * two methods with different plans.
 */
public record Plan(String api, String operationId, String method, double ratePerSecond, int burst) {

  public Plan(String api, String operationId, String method, Rate rate) {
    this(api, operationId, method, rate.perSecond(), rate.burst());
  }
}
