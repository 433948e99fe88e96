package io.spgate.quota;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A store that counts the decisions it answered, so a test can wait until callers hold their slots or places. */
final class CountingQuotaStore implements QuotaStore {

  private final QuotaStore store;
  private final AtomicInteger answered = new AtomicInteger();
  private final Set<String> keys = ConcurrentHashMap.newKeySet();
  private final Map<String, List<Long>> slots = new ConcurrentHashMap<>();
  private final Promise<Void> reached = Promise.promise();
  private volatile int awaited = Integer.MAX_VALUE;

  CountingQuotaStore(QuotaStore store) {
    this.store = store;
  }

  /** Decisions answered so far. */
  int answered() {
    return answered.get();
  }

  /** The buckets it was asked to decide for. */
  Set<String> keys() {
    return keys;
  }

  /**
   * Per bucket, when the calls it granted may go (System.nanoTime(): when the answer came, plus its
   * wait), in the order answered: what the store let through, free of its callers' timers.
   */
  Map<String, List<Long>> grantedSlots() {
    return slots;
  }

  /** Completes once {@code count} decisions were answered (one wait per store). */
  Future<Void> answered(int count) {
    awaited = count;
    if (answered.get() >= count) {
      reached.tryComplete();
    }
    return reached.future();
  }

  @Override
  public Future<Decision> decide(String key, double intervalMillis, int burst, long maxWaitMillis, Lane lane, double place) {
    keys.add(key);
    return store.decide(key, intervalMillis, burst, maxWaitMillis, lane, place).andThen(decided -> {
      if (decided.succeeded() && decided.result().granted()) {
        slots.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>()))
            .add(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(decided.result().waitMillis()));
      }
      if (answered.incrementAndGet() >= awaited) {
        reached.tryComplete();
      }
    });
  }

  @Override
  public Future<Void> drain(String key, double intervalMillis, int burst, double aheadMillis) {
    return store.drain(key, intervalMillis, burst, aheadMillis);
  }

  @Override
  public Future<Void> arrivedLate(String key, double intervalMillis, double lateMillis) {
    return store.arrivedLate(key, intervalMillis, lateMillis);
  }

  @Override
  public Future<Void> announceRate(String key, double intervalMillis, double ratePerSecond) {
    return store.announceRate(key, intervalMillis, ratePerSecond);
  }

  @Override
  public Future<State> state(String key, double intervalMillis, int burst) {
    return store.state(key, intervalMillis, burst);
  }

  @Override
  public Future<List<String>> existing(List<String> keys) {
    return store.existing(keys);
  }
}
