package io.spgate.quota;

import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Buckets of a single gateway instance, with the Lua script's semantics, on a monotonic clock. */
public final class InProcessQuotaStore implements QuotaStore {

  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tat;
    double urgentUntil = Double.NEGATIVE_INFINITY;
    double announcedRate;
    double announcedUntil = Double.NEGATIVE_INFINITY;

    double interval(double tableInterval, double now) {
      return announcedUntil > now && announcedRate > 0 ? 1000 / announcedRate : tableInterval;
    }
  }

  public InProcessQuotaStore(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** What to do with a bucket while holding it, given the time now in milliseconds. */
  private interface BucketStep<T> {
    T apply(Bucket bucket, double now);
  }

  private <T> Future<T> withBucket(String key, BucketStep<T> step) {
    double now = nanoClock.getAsLong() / 1e6;
    Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket());
    synchronized (bucket) {
      return Future.succeededFuture(step.apply(bucket, now));
    }
  }

  @Override
  public Future<Decision> decide(String key, double intervalMillis, int burst, long maxWaitMillis, Lane lane) {
    return withBucket(key, (bucket, now) -> {
      double reserve = 0;
      if (lane == Lane.URGENT) {
        bucket.urgentUntil = now + QuotaGate.URGENT_WINDOW.toMillis();
      } else if (lane == Lane.BULK && bucket.urgentUntil > now) {
        reserve = QuotaStore.bulkReserve(burst);
      }
      double interval = bucket.interval(intervalMillis, now);
      double tat = Math.max(bucket.tat, now);
      double newTat = tat + interval;
      double wait = Math.max(0, newTat - (burst - reserve) * interval - now);
      if (wait > maxWaitMillis) {
        return new Decision(false, (long) Math.ceil(wait));
      }
      bucket.tat = newTat;
      return new Decision(true, (long) Math.ceil(wait));
    });
  }

  @Override
  public Future<Void> drain(String key, double intervalMillis, int burst) {
    return withBucket(key, (bucket, now) -> {
      bucket.tat = Math.max(bucket.tat, now + burst * bucket.interval(intervalMillis, now));
      return null;
    });
  }

  @Override
  public Future<Void> announceRate(String key, double intervalMillis, double ratePerSecond) {
    return withBucket(key, (bucket, now) -> {
      double oldInterval = bucket.interval(intervalMillis, now);
      if (bucket.tat > now) {
        bucket.tat = now + (bucket.tat - now) / oldInterval * (1000 / ratePerSecond);
      }
      bucket.announcedRate = ratePerSecond;
      bucket.announcedUntil = now + QuotaGate.ANNOUNCED_RATE_TTL.toMillis();
      return null;
    });
  }

  @Override
  public Future<State> state(String key, double intervalMillis, int burst) {
    return withBucket(key, (bucket, now) -> {
      double interval = bucket.interval(intervalMillis, now);
      double tat = Math.max(bucket.tat, now);
      return new State(Math.max(0, Math.min(burst, (now - (tat - burst * interval)) / interval)), 1000 / interval);
    });
  }

  @Override
  public Future<java.util.List<String>> keys(String prefix) {
    return Future.succeededFuture(buckets.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList());
  }
}
