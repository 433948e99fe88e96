package io.spgate.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.tracing.TracingPolicy;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TracingTest {

  @Test
  void should_post_spans_to_the_collectors_traces_path() {
    assertThat(Tracing.tracesUrl(URI.create("http://collector:4318"))).isEqualTo("http://collector:4318/v1/traces");
    assertThat(Tracing.tracesUrl(URI.create("https://collector:4318/"))).isEqualTo("https://collector:4318/v1/traces");
    assertThat(Tracing.tracesUrl(URI.create("http://collector:4318/v1/traces"))).isEqualTo("http://collector:4318/v1/traces");
  }

  @Test
  void should_start_traces_only_when_they_are_exported() {
    Tracing exported = Tracing.start(Optional.of(URI.create("http://127.0.0.1:1")), 1);
    Tracing kept = Tracing.start(Optional.empty(), 1);
    try {
      assertThat(exported.serverPolicy()).isEqualTo(TracingPolicy.ALWAYS);
      assertThat(kept.serverPolicy()).isEqualTo(TracingPolicy.PROPAGATE);
    } finally {
      exported.close();
      kept.close();
    }
  }
}
