package io.spgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

  @Test
  void should_find_the_metric_of_a_plain_selector() {
    assertThat(PromQl.metricNames("spgate_sellers{status=\"reauth_required\"} > 0")).containsExactly("spgate_sellers");
  }

  @Test
  void should_leave_out_functions_aggregations_label_lists_and_durations() {
    assertThat(PromQl.metricNames("sum by (api, operation) (increase(spgate_quota_amazon_throttled_total[5m])) > 0"))
        .containsExactly("spgate_quota_amazon_throttled_total");
    assertThat(PromQl.metricNames("histogram_quantile(0.99, sum without (instance) (rate(spgate_quota_wait_ms_bucket[1h30m])))"))
        .containsExactly("spgate_quota_wait_ms_bucket");
  }

  @Test
  void should_find_both_sides_of_a_binary_expression_with_vector_matching() {
    assertThat(PromQl.metricNames("sum(rate(a_total{outcome=\"failed\"}[15m])) / on (job) group_left (x) sum(rate(b_count[15m]))"
        + " and ignoring (le) c unless d offset 1h"))
        .containsExactly("a_total", "b_count", "c", "d");
  }

  @Test
  void should_leave_out_label_values_and_strings_that_look_like_names() {
    assertThat(PromQl.metricNames("label_replace(up{job=~\"spgate.*\"}, \"dst\", \"$1\", \"src\", \"(spgate_.*)\") == 0"))
        .containsExactly("up");
    assertThat(PromQl.metricNames("max(x{a='b', c!~\"d|e\"}) by (pod) > bool 1e3")).containsExactly("x");
  }

  @Test
  void should_leave_out_grafana_variables() {
    assertThat(PromQl.metricNames("sum by (status) (rate(spgate_http_requests_seconds_count{instance=~\"$instance\"}[$__rate_interval]))"
        + " / ${total} * $__interval_ms")).containsExactly("spgate_http_requests_seconds_count");
  }

  @Test
  void should_find_a_metric_with_colons_as_recording_rules_name_them() {
    assertThat(PromQl.metricNames("job:spgate_requests:rate5m > 10")).containsExactly("job:spgate_requests:rate5m");
  }

  @Test
  void should_find_nothing_in_a_constant_expression() {
    assertThat(PromQl.metricNames("vector(1) > bool 0.5")).isEmpty();
  }
}
