package io.spgate.quota;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A store that counts the decisions it answered, so a test can wait until callers hold their slots or places. */
final class CountingQuotaStore implements QuotaStore {

  private final QuotaStore store;
  private final AtomicInteger answered = new AtomicInteger();
  private final Promise<Void> reached = Promise.promise();
  private volatile int awaited = Integer.MAX_VALUE;

  CountingQuotaStore(QuotaStore store) {
    this.store = store;
  }

  /** Decisions answered so far. */
  int answered() {
    return answered.get();
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
    return store.decide(key, intervalMillis, burst, maxWaitMillis, lane, place).andThen(decided -> {
      if (answered.incrementAndGet() >= awaited) {
        reached.tryComplete();
      }
    });
  }

  @Override
  public Future<Void> drain(String key, double intervalMillis, int burst) {
    return store.drain(key, intervalMillis, burst);
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
