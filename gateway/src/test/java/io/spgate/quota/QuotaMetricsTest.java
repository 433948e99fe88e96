package io.spgate.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QuotaMetricsTest {

  private static final Plan GET_ORDERS = new Plan("orders-v0", "getOrders", "GET", 0.0167, 20);
  private static final Plan GET_ORDERS_NEXT = new Plan("orders-2026-01-01", "getOrders", "GET", 0.0167, 20);
  private static final Plan GET_ORDER = new Plan("orders-v0", "getOrder", "GET", 0.5, 30);

  @Test
  void should_count_every_seller_in_the_totals_and_the_busiest_in_series_of_their_own() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    QuotaMetrics metrics = new QuotaMetrics(registry, 2);

    metrics.granted("s1", GET_ORDERS, 120);
    metrics.granted("s1", GET_ORDERS, 0);
    metrics.granted("s1", GET_ORDERS_NEXT, 0);
    metrics.refused("s1", GET_ORDERS);
    metrics.throttledByAmazon("s2", GET_ORDER);
    // The set holds two sellers: s3 counts in the totals only.
    metrics.granted("s3", GET_ORDERS, 5);

    assertThat(registry.get("spgate.quota.grants").tags(of(GET_ORDERS)).counter().count()).isEqualTo(3);
    assertThat(registry.get("spgate.quota.grants").tags(of(GET_ORDERS_NEXT)).counter().count()).isEqualTo(1);
    assertThat(registry.get("spgate.quota.deadline.refusals").tags(of(GET_ORDERS)).counter().count()).isEqualTo(1);
    assertThat(registry.get("spgate.quota.amazon.throttled").tags(of(GET_ORDER)).counter().count()).isEqualTo(1);
    assertThat(registry.get("spgate.quota.wait.ms").tags(of(GET_ORDERS)).summary().max()).isEqualTo(120);
    assertThat(metrics.allWaits().count()).isEqualTo(4);
    assertThat(registry.get("spgate.quota.seller.grants").tags(of("s1", GET_ORDERS)).counter().count()).isEqualTo(2);
    assertThat(registry.get("spgate.quota.seller.deadline.refusals").tags(of("s1", GET_ORDERS)).counter().count()).isEqualTo(1);
    assertThat(registry.get("spgate.quota.seller.amazon.throttled").tags(of("s2", GET_ORDER)).counter().count()).isEqualTo(1);
    assertThat(registry.find("spgate.quota.seller.grants").tags("seller", "s3").counter()).isNull();

    // s3 becomes the busiest and s1 stays busy: s2, idle, leaves the set and its series go.
    IntStream.range(0, 5).forEach(i -> metrics.granted("s3", GET_ORDERS, 0));
    metrics.granted("s1", GET_ORDERS, 0);
    metrics.rankSellers();
    metrics.granted("s3", GET_ORDERS, 0);
    metrics.granted("s1", GET_ORDERS, 0);

    assertThat(registry.find("spgate.quota.seller.amazon.throttled").tags("seller", "s2").counter()).isNull();
    assertThat(registry.get("spgate.quota.seller.grants").tags(of("s3", GET_ORDERS)).counter().count()).as("counted from joining")
        .isEqualTo(1);
    assertThat(registry.get("spgate.quota.seller.grants").tags(of("s1", GET_ORDERS)).counter().count())
        .as("still counting, never reset while in the set").isEqualTo(4);
    assertThat(registry.get("spgate.quota.grants").tags(of(GET_ORDERS)).counter().count()).isEqualTo(11);
  }

  @Test
  void should_count_an_operations_429s_from_the_start_in_the_counter_its_calls_use() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    QuotaMetrics metrics = new QuotaMetrics(registry, 0);
    metrics.countThrottlesFromStart(GET_ORDER.api(), GET_ORDER.operationId());

    assertThat(registry.scrape()).contains("spgate_quota_amazon_throttled_total{api=\"orders-v0\",operation=\"getOrder\"} 0.0");
    metrics.granted("s1", GET_ORDER, 0);
    metrics.throttledByAmazon("s1", GET_ORDER);

    assertThat(registry.find("spgate.quota.amazon.throttled").counters()).hasSize(1);
    assertThat(registry.scrape()).contains("spgate_quota_amazon_throttled_total{api=\"orders-v0\",operation=\"getOrder\"} 1.0");
  }

  @Test
  void should_keep_the_series_bounded_by_the_busiest_sellers_when_ten_thousand_sellers_call() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    int topSellers = 100;
    QuotaMetrics metrics = new QuotaMetrics(registry, topSellers);
    List<Plan> operations = List.of(GET_ORDERS, GET_ORDERS_NEXT, GET_ORDER, new Plan("sellers-v1", "getMarketplaceParticipations",
        "GET", 0.016, 15), new Plan("feeds-2021-06-30", "createFeed", "POST", 0.0083, 15));
    int sellers = 10_000;

    for (int s = 0; s < sellers; s++) {
      for (Plan operation : operations) {
        metrics.granted("A" + s, operation, s % 7);
        metrics.refused("A" + s, operation);
        metrics.throttledByAmazon("A" + s, operation);
      }
    }
    long afterFirstCalls = quotaSeries(registry);
    // Others are busier in the next period: they take the set's places, and the series stay as many.
    for (int s = 5_000; s < 5_000 + topSellers; s++) {
      for (Plan operation : operations) {
        metrics.granted("A" + s, operation, 1);
        metrics.granted("A" + s, operation, 1);
      }
    }
    metrics.rankSellers();
    operations.forEach(operation -> metrics.granted("A5000", operation, 1));
    long afterRanking = quotaSeries(registry);

    // Per operation: grants, refusals, Amazon's 429s, and a wait histogram (8 SLO buckets, +Inf, count, sum, max): 15.
    // Per seller × operation: grants, refusals, Amazon's 429s, and a wait summary (count, sum, max): 6.
    long bound = operations.size() * 15L + (long) topSellers * operations.size() * 6 + 10;
    assertThat(afterFirstCalls).as("series for %d sellers × %d operations", sellers, operations.size()).isLessThanOrEqualTo(bound);
    assertThat(afterRanking).isLessThanOrEqualTo(bound);
    assertThat(registry.scrape()).contains("seller=\"A5000\"").doesNotContain("seller=\"A0\"");
    assertThat(registry.get("spgate.quota.grants").tags("operation", "createFeed").counter().count())
        .isEqualTo(sellers + 2 * topSellers + 1);
  }

  private static Tags of(Plan plan) {
    return Tags.of("api", plan.api(), "operation", plan.operationId());
  }

  private static Tags of(String seller, Plan plan) {
    return of(plan).and("seller", seller);
  }

  /** Time series of the quota meters on the Prometheus page. */
  private static long quotaSeries(PrometheusMeterRegistry registry) {
    return registry.scrape().lines().filter(line -> line.startsWith("spgate_quota_")).count();
  }
}
