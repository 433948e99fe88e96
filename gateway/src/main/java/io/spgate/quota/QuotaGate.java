package io.spgate.quota;

import io.spgate.http.ApiException;
import io.spgate.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Keeps each seller inside Amazon's quota for each operation, across every gateway instance: one
 * atomic decision per call gives the caller its slot, which it waits for on a timer. A slot
 * beyond the caller's deadline is refused at once (429 with Retry-After) and not consumed. A bulk
 * call given a place in the bucket's bulk line waits on a timer too, and then asks again holding
 * that place ({@link QuotaStore#decide}).
 */
public final class QuotaGate {

  /** How long an urgent call makes bulk calls leave a reserve. */
  public static final Duration URGENT_WINDOW = Duration.ofSeconds(60);
  /** How long a rate Amazon announced overrides the table's. */
  public static final Duration ANNOUNCED_RATE_TTL = Duration.ofHours(1);

  private final Vertx vertx;
  private final QuotaStore store;
  private final PlanLookup plans;
  private final QuotaMetrics metrics;
  private final double safetyMargin;
  /** Bounds the memory of the map below: a few entries per seller and operation in use. */
  private static final int BUCKETS_KEPT = 100_000;
  private final Map<BucketId, Bucket> buckets = new ConcurrentHashMap<>();

  private record Announcement(double ratePerSecond, long renewAt) {}

  private record BucketId(QuotaOwner owner, Plan plan) {}

  /**
   * An owner's bucket for a plan, named once rather than on every call: its store key and the
   * owner as meters tag it; and the rate this instance last passed on to the store for it.
   */
  private static final class Bucket {
    final String key;
    final String owner;
    volatile Announcement announced;

    Bucket(String key, String owner) {
      this.key = key;
      this.owner = owner;
    }
  }

  /**
   * @param plans the plans of an application's operations, for {@link #states}
   * @param safetyMargin how much slower than the quota to space calls (0.005: 0.5 %), against rates
   *     the models round up (0.0167/s for one a minute)
   */
  public QuotaGate(Vertx vertx, QuotaStore store, PlanLookup plans, QuotaMetrics metrics, double safetyMargin) {
    this.vertx = vertx;
    this.store = store;
    this.plans = plans;
    this.metrics = metrics;
    this.safetyMargin = safetyMargin;
  }

  /**
   * A call's slot, come: how long the call waited for it, how long after it the call may still
   * leave ({@link QuotaStore#leaveWithin}; {@link Long#MAX_VALUE}: no bound), and by when it must
   * have reached Amazon ({@link QuotaStore#arriveWithin}). A call that cannot leave in time must
   * not go late (Amazon may have let the refill it counts on go to waste): it asks for a new slot.
   * One whose answer comes after it had to arrive may have arrived late: {@link #arrivedLate}.
   */
  public record Slot(long waitedMillis, long leaveWithinMillis, long arriveWithinMillis) {}

  /** Waits for the call's slot. */
  public Future<Slot> acquire(QuotaOwner owner, Plan plan, Duration maxWait, Lane lane) {
    return ask(bucket(owner, plan), plan, lane, System.nanoTime() + maxWait.toNanos(), QuotaStore.NO_PLACE, 0);
  }

  /** A call could not leave within its slot's {@link Slot#leaveWithinMillis()}, and was not sent. */
  public void missedDeparture() {
    metrics.missedDeparture();
  }

  /** One ask of the store, by a caller that has waited {@code waited} ms in the bulk line so far. */
  private Future<Slot> ask(Bucket bucket, Plan plan, Lane lane, long deadline, double place, long waited) {
    // Rounded up: the first ask may wait all of maxWait, though a few microseconds of it have passed.
    long left = Math.max(0, (deadline - System.nanoTime() + 999_999) / 1_000_000);
    return store.decide(bucket.key, intervalMillis(plan), plan.burst(), left, lane, place).compose(decision -> {
      long wait = decision.waitMillis();
      return switch (decision.verdict()) {
        case REFUSED -> {
          metrics.refused(bucket.owner, plan);
          long retryAfter = Math.max(1, (wait - left + 999) / 1000);
          yield Future.failedFuture(new ApiException(new Problem(429, "quota_wait_exceeds_deadline", "Too many requests",
              "The next " + plan.operationId() + " slot for this seller is " + wait + " ms away, beyond the " + left
                  + " ms this call may wait (X-Spgate-Max-Wait)."), Map.of("Retry-After", String.valueOf(retryAfter))));
        }
        case IN_LINE -> vertx.timer(wait, TimeUnit.MILLISECONDS).compose(v -> ask(bucket, plan, lane, deadline, decision.place(),
            waited + wait));
        case GO -> {
          metrics.granted(bucket.owner, plan, waited + wait);
          Slot slot = new Slot(waited + wait, decision.leaveWithinMillis(), decision.arriveWithinMillis());
          yield wait == 0 ? Future.succeededFuture(slot) : vertx.timer(wait, TimeUnit.MILLISECONDS).map(slot);
        }
      };
    });
  }

  /**
   * A call's answer came {@code lateMillis} after the call had to reach Amazon: Amazon may have
   * received it that late, and its bucket, full meanwhile, may have let refill go to waste. Ours
   * gives up as much ({@link QuotaStore#arrivedLate}), so the difference never becomes a 429.
   */
  public Future<Void> arrivedLate(QuotaOwner owner, Plan plan, long lateMillis) {
    metrics.lateArrival();
    return store.arrivedLate(bucket(owner, plan).key, intervalMillis(plan), lateMillis);
  }

  /** Amazon answered 429: its bucket is empty, so ours is too. */
  public Future<Void> throttledByAmazon(QuotaOwner owner, Plan plan) {
    Bucket bucket = bucket(owner, plan);
    metrics.throttledByAmazon(bucket.owner, plan);
    return store.drain(bucket.key, intervalMillis(plan), plan.burst(), 0);
  }

  /**
   * Amazon announced the rate it applies to this seller and operation. It says so on nearly every
   * answer, so a rate this instance already passed on (within half the announcement's lifetime)
   * costs no store call.
   */
  public Future<Void> announced(QuotaOwner owner, Plan plan, double ratePerSecond) {
    if (!(ratePerSecond > 0)) {
      return Future.succeededFuture();
    }
    Bucket bucket = bucket(owner, plan);
    long now = System.nanoTime();
    Announcement last = bucket.announced;
    if (last != null && last.ratePerSecond() == ratePerSecond && last.renewAt() - now > 0) {
      return Future.succeededFuture();
    }
    bucket.announced = new Announcement(ratePerSecond, now + ANNOUNCED_RATE_TTL.toNanos() / 2);
    return store.announceRate(bucket.key, intervalMillis(plan), ratePerSecond / (1 + safetyMargin));
  }

  /**
   * Each of the owner's buckets now: tokens, rate in force, burst, and callers of every instance
   * waiting for a slot. The buckets it may have are those of the operations catalog, looked up in
   * one store call; no scan of the store's keys.
   */
  public Future<JsonArray> states(QuotaOwner owner) {
    Map<String, Plan> candidates = new LinkedHashMap<>();
    plans.plans(owner.application()).forEach(plan -> candidates.put(key(owner, plan), plan));
    return store.existing(List.copyOf(candidates.keySet())).compose(keys -> {
      List<Future<JsonObject>> states = new ArrayList<>();
      for (String key : keys) {
        Plan plan = candidates.get(key);
        states.add(store.state(key, intervalMillis(plan), plan.burst()).map(state -> new JsonObject()
            .put("operation", plan.operationId()).put("api", plan.api()).put("method", plan.method()).put("region", owner.region())
            .put("tokens", state.tokens()).put("burst", plan.burst()).put("ratePerSecond", state.ratePerSecond())
            .put("planRatePerSecond", plan.ratePerSecond()).put("rateSource", state.announced() ? "amazon" : "table")
            .put("waiting", state.waiting())));
      }
      return Future.all(states).map(all -> new JsonArray(states.stream().map(Future::result).toList()));
    });
  }

  /**
   * One of the owner's buckets now, for planning work over it: the plan in force and the bucket's
   * state (a bucket not used yet is full, at the plan's rate). Empty when the application has no
   * plan for the operation.
   */
  public Future<Optional<PlannedBucket>> bucket(QuotaOwner owner, String api, String operationId) {
    Optional<Plan> plan = plans.plans(owner.application()).stream()
        .filter(p -> p.api().equals(api) && p.operationId().equals(operationId)).findFirst();
    if (plan.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return store.state(key(owner, plan.get()), intervalMillis(plan.get()), plan.get().burst())
        .map(state -> Optional.of(new PlannedBucket(plan.get(), state)));
  }

  /** A bucket's plan and its state now. */
  public record PlannedBucket(Plan plan, QuotaStore.State state) {}

  private Bucket bucket(QuotaOwner owner, Plan plan) {
    if (buckets.size() >= BUCKETS_KEPT) {
      buckets.clear();
    }
    return buckets.computeIfAbsent(new BucketId(owner, plan), id -> new Bucket(key(owner, plan), owner.tag()));
  }

  /** {@code q:{tag}:application:region:api:METHOD:operation}: the owner's tag is the cluster hash tag. */
  static String key(QuotaOwner owner, Plan plan) {
    return owner.keyPrefix() + plan.api() + ":" + plan.method() + ":" + plan.operationId();
  }

  private double intervalMillis(Plan plan) {
    return 1000.0 / plan.ratePerSecond() * (1 + safetyMargin);
  }
}
