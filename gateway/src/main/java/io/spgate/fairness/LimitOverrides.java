package io.spgate.fairness;

import io.spgate.http.ApiException;
import io.spgate.http.Json;
import io.spgate.http.Problem;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** The limits an operator set for one tenant; each one absent takes the instance's default. */
record LimitOverrides(Optional<Integer> maxConcurrent, Optional<Double> callsPerSecond, Optional<Integer> burst) {

  static final LimitOverrides NONE = new LimitOverrides(Optional.empty(), Optional.empty(), Optional.empty());
  /** As SPGATE_TENANT_RATE allows: above what one instance serves (some ten thousands of calls a second on a few cores). */
  static final double MAX_CALLS_PER_SECOND = 100_000;
  static final int MAX_BURST = 100_000;

  /**
   * A PUT's body: every field a whole number or number in range, or null (or absent) for the default. {@code ceiling} is
   * the most calls in flight this instance lets one tenant have (below its shared pools).
   */
  static LimitOverrides parse(JsonObject body, int ceiling) {
    Json.onlyFields(body, Set.of("maxConcurrent", "callsPerSecond", "burst"));
    OptionalInt concurrent = whole(body, "maxConcurrent", ceiling, " (below SPGATE_SPAPI_CONNECTIONS, so that no tenant can hold "
        + "every connection to an SP-API host)");
    OptionalInt burst = whole(body, "burst", MAX_BURST, "");
    Object rate = body.getValue("callsPerSecond");
    if (rate != null && !(rate instanceof Number n && n.doubleValue() > 0 && n.doubleValue() <= MAX_CALLS_PER_SECOND)) {
      throw new ApiException(Problem.validation("'callsPerSecond' must be a number above 0 and at most "
          + (int) MAX_CALLS_PER_SECOND + ", or null for the default."));
    }
    return new LimitOverrides(concurrent.isPresent() ? Optional.of(concurrent.getAsInt()) : Optional.empty(),
        Optional.ofNullable((Number) rate).map(Number::doubleValue), burst.isPresent() ? Optional.of(burst.getAsInt()) : Optional.empty());
  }

  private static OptionalInt whole(JsonObject body, String field, int max, String why) {
    Object raw = body.getValue(field);
    if (raw == null) {
      return OptionalInt.empty();
    }
    if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= 1 && n.doubleValue() <= max) {
      return OptionalInt.of(n.intValue());
    }
    throw new ApiException(Problem.validation("'" + field + "' must be a whole number from 1 to " + max + why + ", or null for the "
        + "default."));
  }

  JsonObject toJson() {
    return new JsonObject().put("maxConcurrent", maxConcurrent.orElse(null)).put("callsPerSecond", callsPerSecond.orElse(null))
        .put("burst", burst.orElse(null));
  }
}
