package io.spgate.simulator.quota;

/** One row of rate-limits.tsv: an operation's usage plan. */
public record RateLimit(String api, String operationId, String method, String path, double ratePerSecond, int burst) {

  /** Method and path, not operationId: one model (shippingV2) gives two operations the same id. */
  public String key() {
    return key(api, method, path);
  }

  static String key(String api, String method, String path) {
    return api + ' ' + method + ' ' + path;
  }
}
