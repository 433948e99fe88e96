package io.spgate.lwa;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RefreshMetricsTest {

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final RefreshMetrics metrics = new RefreshMetrics(registry);

  @Test
  void should_export_every_outcome_at_zero_before_the_first_refresh() {
    assertThat(counts()).containsExactlyInAnyOrderEntriesOf(
        Map.of("renewed", 0.0, "invalid_grant", 0.0, "unavailable", 0.0, "refused", 0.0));
  }

  @Test
  void should_count_each_lwa_answer_under_what_it_means_for_the_seller() {
    metrics.renewed();
    metrics.failed(new LwaException(400, "invalid_grant", "The refresh token is invalid"));
    metrics.failed(new LwaException(0, "unavailable", "ConnectException"));
    metrics.failed(new LwaException(503, "server_error", null));
    metrics.failed(new LwaException(429, "too_many_requests", null));
    metrics.failed(new LwaException(401, "invalid_client", null));

    assertThat(counts()).containsExactlyInAnyOrderEntriesOf(
        Map.of("renewed", 1.0, "invalid_grant", 1.0, "unavailable", 3.0, "refused", 1.0));
  }

  private Map<String, Double> counts() {
    return registry.find("spgate.token.refreshes").counters().stream()
        .collect(Collectors.toMap(c -> c.getId().getTag("outcome"), c -> c.count()));
  }
}
