package io.spgate.lwa;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code spgate_token_refreshes_total{outcome}}: sellers' refreshes at LWA (one per token across all instances) by
 * outcome: {@code renewed}; {@code invalid_grant} (the seller must re-authorize); {@code unavailable} (LWA down, slow
 * or overloaded: the current token is kept and the refresh tried again); {@code refused} (any other refusal, such as
 * {@code invalid_client}: the application's credentials). Every outcome is registered at start, so an alert on its
 * increase sees the first one after a restart.
 */
public final class RefreshMetrics {

  enum Outcome { RENEWED, INVALID_GRANT, UNAVAILABLE, REFUSED }

  private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

  public RefreshMetrics(MeterRegistry registry) {
    for (Outcome outcome : Outcome.values()) {
      counters.put(outcome, Counter.builder("spgate.token.refreshes").description("Sellers' token refreshes at LWA, by outcome")
          .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry));
    }
  }

  void renewed() {
    counters.get(Outcome.RENEWED).increment();
  }

  /** LWA answered with an error, or not at all. */
  void failed(LwaException failure) {
    Outcome outcome = failure.invalidGrant() ? Outcome.INVALID_GRANT : failure.transientFailure() ? Outcome.UNAVAILABLE : Outcome.REFUSED;
    counters.get(outcome).increment();
  }
}
