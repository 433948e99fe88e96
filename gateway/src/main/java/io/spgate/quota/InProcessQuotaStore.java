package io.spgate.quota;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Buckets of a single gateway instance, with the Lua script's semantics, on a monotonic clock.
 *
 * <p>A bucket that says nothing a new one would not (full, no recent urgent call, no announced
 * rate in force, no bulk line) is dropped, as Redis lets such keys expire: each access looks at the next
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
    /** The bulk line: its last place (in the line's own time), how far it was pushed back since, and when it lapses. */
    double lineEnd = Double.NEGATIVE_INFINITY;
    double lineShift;
    double lineUntil = Double.NEGATIVE_INFINITY;
    /** Removed from the map: a caller that still holds it must look the key up again. */
    boolean dropped;

    double interval(double tableInterval, double now) {
      return announcedUntil > now && announcedRate > 0 ? 1000 / announcedRate : tableInterval;
    }

    /** Full (the TAT has passed), no urgent marker, no announced rate, no bulk line: every answer would be a new bucket's. */
    boolean likeNew(double now) {
      return tat <= now && urgentUntil <= now && announcedUntil <= now && lineUntil <= now;
    }

    /** Places in the bulk line, the lapsed line forgotten. */
    void forgetLapsedLine(double now) {
      if (lineUntil <= now) {
        lineEnd = Double.NEGATIVE_INFINITY;
        lineShift = 0;
      }
    }

    /** The line lapses, as its Redis key expires, a second and an interval after its last place. */
    void keepLine(double now, double interval) {
      lineUntil = now + Math.ceil(lineEnd + lineShift - now + interval) + 1000;
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

  /** Like {@link #withBucket}, for a step that only reads: a bucket not held is not created. */
  private <T> Future<T> peekBucket(String key, BucketStep<T> step) {
    sweepSome();
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      return Future.succeededFuture(step.apply(new Bucket(), now()));
    }
    synchronized (bucket) {
      return Future.succeededFuture(step.apply(bucket.dropped ? new Bucket() : bucket, now()));
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
  public Future<Decision> decide(String key, double intervalMillis, int burst, long maxWaitMillis, Lane lane, double place) {
    return withBucket(key, (bucket, now) -> {
      double interval = bucket.interval(intervalMillis, now);
      if (lane == Lane.BULK) {
        return bulk(bucket, now, interval, burst, maxWaitMillis, place);
      }
      if (lane == Lane.URGENT) {
        bucket.urgentUntil = now + QuotaGate.URGENT_WINDOW.toMillis();
      }
      double base = Math.max(bucket.tat, now);
      double wait = Math.max(0, base + interval - QuotaStore.capacity(burst, interval, allowanceMillis) * interval - now);
      if (wait > maxWaitMillis) {
        return Decision.refused(wait);
      }
      bucket.tat = base + interval;
      return go(wait, burst, interval, base, now + wait);
    });
  }

  private Decision go(double wait, int burst, double interval, double tat, double slot) {
    double leave = QuotaStore.leaveWithin(burst, interval, allowanceMillis, tat, slot);
    return Decision.go(wait, leave, QuotaStore.arriveWithin(leave, burst, interval, allowanceMillis));
  }

  /** A bulk call: a slot within the horizon, else a place in the bulk line (as gcra.lua decides). */
  private Decision bulk(Bucket bucket, double now, double interval, int burst, long maxWait, double place) {
    double reserve = bucket.urgentUntil > now ? QuotaStore.bulkReserve(burst) : 0;
    double horizon = QuotaStore.bulkHorizon(interval, reserve, allowanceMillis);
    double base = Math.max(bucket.tat, now);
    double slot = Math.max(base + interval - (QuotaStore.capacity(burst, interval, allowanceMillis) - reserve) * interval, now);
    bucket.forgetLapsedLine(now);
    // A place this line did not hand out (another store's, a lapsed line's) is no place: the caller joins the line anew.
    boolean holdsPlace = place <= bucket.lineEnd;
    double at = holdsPlace ? place + bucket.lineShift : Math.max(slot, bucket.lineEnd + bucket.lineShift + interval);
    if (at - now <= horizon && slot - now <= horizon) {
      bucket.tat = base + interval;
      return go(slot - now, burst, interval, base, slot);
    }
    if (at - now > horizon) {
      if (at - now > maxWait) {
        return Decision.refused(at - now);
      }
      if (!holdsPlace) {
        bucket.lineEnd = at - bucket.lineShift;
        bucket.keepLine(now, interval);
      }
      return Decision.inLine(at - horizon - now, holdsPlace ? place : bucket.lineEnd);
    }
    // The caller's turn has come but other lanes took the slots meanwhile: the line moves back by what they took.
    if (slot - now > maxWait) {
      return Decision.refused(slot - now);
    }
    bucket.lineShift += slot - Math.max(at, now);
    bucket.keepLine(now, interval);
    return Decision.inLine(slot - horizon - now, place);
  }

  @Override
  public Future<Void> drain(String key, double intervalMillis, int burst, double aheadMillis) {
    return withBucket(key, (bucket, now) -> {
      double interval = bucket.interval(intervalMillis, now);
      bucket.tat = Math.max(bucket.tat, now + aheadMillis + QuotaStore.capacity(burst, interval, allowanceMillis) * interval);
      return null;
    });
  }

  @Override
  public Future<Void> arrivedLate(String key, double intervalMillis, double lateMillis) {
    return withBucket(key, (bucket, now) -> {
      bucket.tat = Math.max(bucket.tat, now) + Math.min(lateMillis, bucket.interval(intervalMillis, now));
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
    return peekBucket(key, (bucket, now) -> {
      double interval = bucket.interval(intervalMillis, now);
      double capacity = QuotaStore.capacity(burst, interval, allowanceMillis);
      double tat = Math.max(bucket.tat, now);
      double tokens = Math.max(0, Math.min(capacity, (now - (tat - capacity * interval)) / interval));
      int reserved = (int) Math.max(0, Math.ceil((tat - (now + capacity * interval)) / interval));
      int inLine = bucket.lineUntil > now ? (int) Math.max(0, Math.ceil((bucket.lineEnd + bucket.lineShift - now) / interval)) : 0;
      boolean announced = bucket.announcedUntil > now && bucket.announcedRate > 0;
      return new State(tokens, 1000 / interval, announced, reserved + inLine);
    });
  }

  @Override
  public Future<List<String>> existing(List<String> keys) {
    return Future.succeededFuture(keys.stream().filter(buckets::containsKey).toList());
  }
}
