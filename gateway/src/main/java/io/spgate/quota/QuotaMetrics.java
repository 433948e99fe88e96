package io.spgate.quota;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Quota meters (grants, waits, deadline refusals, Amazon's 429s) per operation over all sellers,
 * one wait timer over everything for percentiles, counts of calls that missed their departure
 * ({@link QuotaGate#missedDeparture}) or were answered after they had to arrive ({@link
 * QuotaGate#arrivedLate}), and the same per seller × operation for the
 * busiest sellers only, so that 10,000 sellers cost no more series than a hundred.
 *
 * <p>A seller is a quota owner's tag: the selling partner id, or {@code app:<id>} for an
 * application's grantless buckets. Sellers calling while the set has room join it at once; every
 * {@link #RANKING_PERIOD} {@link #rankSellers} chooses the set again by calls (each period's
 * count halves the weight of the ones before), incumbents keeping their place on ties. A seller's
 * meters count from when it joined and are removed when it leaves, so they stay monotonic
 * counters while it is in the set.
 */
public final class QuotaMetrics {

  /** How often {@link #rankSellers} should run. */
  public static final Duration RANKING_PERIOD = Duration.ofMinutes(1);
  /** A seller whose weighted calls fell below this (about six idle periods after its last call) is forgotten. */
  private static final double FORGOTTEN_BELOW = 1.0 / 64;
  private static final double[] WAIT_SLO_MS = {1, 10, 50, 100, 500, 1000, 5000, 10000};

  private final MeterRegistry registry;
  private final int topSellers;
  private final Timer allWaits;
  private final Counter missedDepartures;
  private final Counter lateArrivals;
  private final Map<OperationId, Series> totals = new ConcurrentHashMap<>();
  private final Map<String, Activity> activity = new ConcurrentHashMap<>();
  private final Map<String, SellerMeters> top = new ConcurrentHashMap<>();

  /** API versions reuse operationIds (getOrders is in Orders v0 and 2026-01-01), so the API names the series too. */
  private record OperationId(String api, String operationId) {}

  private record Series(Counter grants, DistributionSummary waitMs, Counter refusals, Counter amazon429, List<Meter> meters) {

    static Series register(MeterRegistry registry, String prefix, Tags tags, double... waitSlosMs) {
      Counter grants = Counter.builder(prefix + "grants").tags(tags).register(registry);
      DistributionSummary wait = DistributionSummary.builder(prefix + "wait.ms").tags(tags).serviceLevelObjectives(waitSlosMs)
          .register(registry);
      Counter refusals = Counter.builder(prefix + "deadline.refusals").tags(tags).register(registry);
      Counter amazon = amazonThrottled(registry, prefix, tags);
      return new Series(grants, wait, refusals, amazon, List.of(grants, wait, refusals, amazon));
    }
  }

  /** Registering it again answers the one already there, so a counter made ahead of an operation's first call keeps counting. */
  private static Counter amazonThrottled(MeterRegistry registry, String prefix, Tags tags) {
    return Counter.builder(prefix + "amazon.throttled").tags(tags).register(registry);
  }

  /** A seller's calls in the current period, and its weight from the periods before (touched by the ranking only). */
  private static final class Activity {
    final LongAdder calls = new LongAdder();
    double weight;
  }

  /** The meters of a seller in the set, made on its first call of each operation; none once it left. */
  private final class SellerMeters {
    final String seller;
    final Map<OperationId, Series> series = new ConcurrentHashMap<>();
    boolean removed;

    SellerMeters(String seller) {
      this.seller = seller;
    }

    Series of(Plan plan) {
      Series found = series.get(new OperationId(plan.api(), plan.operationId()));
      return found != null ? found : register(plan);
    }

    /** Under the lock the ranking removes meters with, so no meter of a seller that left is registered again. */
    private synchronized Series register(Plan plan) {
      if (removed) {
        return null;
      }
      return series.computeIfAbsent(new OperationId(plan.api(), plan.operationId()), id -> Series.register(registry,
          "spgate.quota.seller.", Tags.of("seller", seller, "api", id.api(), "operation", id.operationId())));
    }

    synchronized void remove() {
      removed = true;
      series.values().forEach(s -> s.meters().forEach(registry::remove));
    }
  }

  /** @param topSellers how many of the busiest sellers get meters of their own (0: totals only) */
  public QuotaMetrics(MeterRegistry registry, int topSellers) {
    this.registry = registry;
    this.topSellers = topSellers;
    this.allWaits = Timer.builder("spgate.quota.wait").description("Time calls waited for their quota slot, all sellers")
        .publishPercentiles(0.5, 0.99).register(registry);
    this.missedDepartures = Counter.builder("spgate.quota.missed.departures")
        .description("Calls that could not leave in time after their quota slot, and asked for another").register(registry);
    this.lateArrivals = Counter.builder("spgate.quota.late.arrivals")
        .description("Calls answered after they had to reach Amazon, whose bucket gave up the refill Amazon may have lost")
        .register(registry);
  }

  /**
   * Makes the operation's count of Amazon's 429s, at 0, before its first call: Prometheus's {@code increase()} only sees a
   * counter rise from a scrape that found it, so a counter born at its first 429 (after a restart, say) hid that 429 from
   * the alert on it. Only this meter, of the operation's four: the alert watches it, and the others would multiply the series
   * of operations never called.
   */
  public void countThrottlesFromStart(String api, String operationId) {
    amazonThrottled(registry, "spgate.quota.", Tags.of("api", api, "operation", operationId));
  }

  void granted(String seller, Plan plan, long waitMillis) {
    Series total = total(plan);
    total.grants().increment();
    total.waitMs().record(waitMillis);
    allWaits.record(waitMillis, TimeUnit.MILLISECONDS);
    Series own = ofSeller(seller, plan);
    if (own != null) {
      own.grants().increment();
      own.waitMs().record(waitMillis);
    }
  }

  void refused(String seller, Plan plan) {
    total(plan).refusals().increment();
    Series own = ofSeller(seller, plan);
    if (own != null) {
      own.refusals().increment();
    }
  }

  void throttledByAmazon(String seller, Plan plan) {
    total(plan).amazon429().increment();
    Series own = ofSeller(seller, plan);
    if (own != null) {
      own.amazon429().increment();
    }
  }

  void missedDeparture() {
    missedDepartures.increment();
  }

  void lateArrival() {
    lateArrivals.increment();
  }

  /** The wait percentiles over all sellers, for benchmarks and the console. */
  public Timer allWaits() {
    return allWaits;
  }

  /**
   * Chooses the sellers with meters of their own again: the {@code topSellers} with the most
   * weighted calls. Sellers leaving the set lose their meters; those joining get them on their
   * next call. Takes time linear in the sellers that called lately (milliseconds for thousands):
   * run it on a worker thread. Answers how many sellers are in the set.
   */
  public int rankSellers() {
    Comparator<Map.Entry<String, Double>> lessBusy = Map.Entry.<String, Double>comparingByValue()
        .thenComparing(e -> top.containsKey(e.getKey()));
    PriorityQueue<Map.Entry<String, Double>> busiest = new PriorityQueue<>(lessBusy);
    activity.entrySet().removeIf(entry -> {
      Activity a = entry.getValue();
      a.weight = a.weight / 2 + a.calls.sumThenReset();
      if (a.weight < FORGOTTEN_BELOW) {
        return true;
      }
      busiest.add(Map.entry(entry.getKey(), a.weight));
      if (busiest.size() > topSellers) {
        busiest.poll();
      }
      return false;
    });
    Set<String> chosen = new HashSet<>();
    busiest.forEach(e -> chosen.add(e.getKey()));
    top.values().removeIf(meters -> {
      if (chosen.contains(meters.seller)) {
        return false;
      }
      meters.remove();
      return true;
    });
    chosen.forEach(seller -> top.computeIfAbsent(seller, SellerMeters::new));
    return top.size();
  }

  private Series total(Plan plan) {
    return totals.computeIfAbsent(new OperationId(plan.api(), plan.operationId()),
        id -> Series.register(registry, "spgate.quota.", Tags.of("api", id.api(), "operation", id.operationId()), WAIT_SLO_MS));
  }

  /** Counts the seller's call for the ranking; its own series if it is in the set, or joins it while there is room. */
  private Series ofSeller(String seller, Plan plan) {
    activity.computeIfAbsent(seller, s -> new Activity()).calls.increment();
    SellerMeters meters = top.get(seller);
    if (meters == null && top.size() < topSellers) {
      meters = admit(seller);
    }
    return meters == null ? null : meters.of(plan);
  }

  private synchronized SellerMeters admit(String seller) {
    return top.size() < topSellers ? top.computeIfAbsent(seller, SellerMeters::new) : top.get(seller);
  }
}
