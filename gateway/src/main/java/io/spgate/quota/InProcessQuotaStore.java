package io.spgate.quota;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Buckets of a single gateway instance, with the Lua script's semantics, on a monotonic clock.
 *
 * <p>A bucket that says nothing a new one would not (full, no recent urgent call, no announced
 * rate in force) is dropped, as Redis lets such keys expire: each access looks at the next
 * {@link #SWEEP_STEP} buckets of a sweep that goes round the map, so memory follows the buckets
 * in use, not every seller × operation ever called, and no call pays for a whole sweep.
 */
public final class InProcessQuotaStore implements QuotaStore {

  /** Buckets examined per access: more than one, so the sweep outpaces the creation of buckets. */
  static final int SWEEP_STEP = 2;

  private final LongSupplier nanoClock;
  private final double allowanceMillis;
  private final int sweepStep;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicBoolean sweeping = new AtomicBoolean();
  /** Where the sweep stands; used only by the thread that set {@link #sweeping}. */
  private Iterator<Map.Entry<String, Bucket>> sweep = Collections.emptyIterator();

  private static final class Bucket {
    double tat = Double.NEGATIVE_INFINITY;
    double urgentUntil = Double.NEGATIVE_INFINITY;
    double announcedRate;
    double announcedUntil = Double.NEGATIVE_INFINITY;
    /** Removed from the map: a caller that still holds it must look the key up again. */
    boolean dropped;

    double interval(double tableInterval, double now) {
      return announcedUntil > now && announcedRate > 0 ? 1000 / announcedRate : tableInterval;
    }

    /** Full (the TAT has passed), no urgent marker, no announced rate: every answer would be a new bucket's. */
    boolean likeNew(double now) {
      return tat <= now && urgentUntil <= now && announcedUntil <= now;
    }
  }

  /** @param jitterAllowance how late a call may reach Amazon after its slot ({@link QuotaStore#capacity}) */
  public InProcessQuotaStore(LongSupplier nanoClock, Duration jitterAllowance) {
    this(nanoClock, jitterAllowance, SWEEP_STEP);
  }

  /** {@code sweepStep} 0 keeps every bucket (tests compare against it). */
  InProcessQuotaStore(LongSupplier nanoClock, Duration jitterAllowance, int sweepStep) {
    this.nanoClock = nanoClock;
    this.allowanceMillis = jitterAllowance.toNanos() / 1e6;
    this.sweepStep = sweepStep;
  }

  /** What to do with a bucket while holding it, given the time now in milliseconds. */
  private interface BucketStep<T> {
    T apply(Bucket bucket, double now);
  }

  private <T> Future<T> withBucket(String key, BucketStep<T> step) {
    sweepSome();
    while (true) {
      Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket());
      synchronized (bucket) {
        if (!bucket.dropped) {
          // Read under the lock, so a bucket's clock only moves forward, past the moment the sweep judged it.
          return Future.succeededFuture(step.apply(bucket, now()));
        }
      }
    }
  }

  /** Examines the sweep's next buckets and drops those like new; skipped while another thread sweeps. */
  private void sweepSome() {
    if (sweepStep == 0 || !sweeping.compareAndSet(false, true)) {
      return;
    }
    try {
      for (int i = 0; i < sweepStep; i++) {
        if (!sweep.hasNext()) {
          sweep = buckets.entrySet().iterator();
          if (!sweep.hasNext()) {
            return;
          }
        }
        Map.Entry<String, Bucket> entry = sweep.next();
        Bucket bucket = entry.getValue();
        synchronized (bucket) {
          if (!bucket.dropped && bucket.likeNew(now())) {
            bucket.dropped = true;
            buckets.remove(entry.getKey(), bucket);
          }
        }
      }
    } finally {
      sweeping.set(false);
    }
  }

  private double now() {
    return nanoClock.getAsLong() / 1e6;
  }

  /** Buckets held now. */
  int size() {
    return buckets.size();
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
      double wait = Math.max(0, newTat - (QuotaStore.capacity(burst, interval, allowanceMillis) - reserve) * interval - now);
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
      double interval = bucket.interval(intervalMillis, now);
      bucket.tat = Math.max(bucket.tat, now + QuotaStore.capacity(burst, interval, allowanceMillis) * interval);
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
      double capacity = QuotaStore.capacity(burst, interval, allowanceMillis);
      double tat = Math.max(bucket.tat, now);
      double tokens = Math.max(0, Math.min(capacity, (now - (tat - capacity * interval)) / interval));
      int waiting = (int) Math.max(0, Math.ceil((tat - (now + capacity * interval)) / interval));
      return new State(tokens, 1000 / interval, waiting);
    });
  }

  @Override
  public Future<java.util.List<String>> keys(String prefix) {
    return Future.succeededFuture(buckets.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList());
  }
}
