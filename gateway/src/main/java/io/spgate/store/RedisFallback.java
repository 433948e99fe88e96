package io.spgate.store;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether one user of Redis (quota decisions, the token cache) asks Redis or goes on in process,
 * decided per scope: the whole of Redis, or on a cluster each hash slot, so that a failed master
 * sends only the keys it served to this process. A failure (an error, or no answer in time) switches
 * its scope to this process for {@link #RETRY_AFTER_NANOS}; then one call tries Redis again while the
 * others stay in process, and the first answer ends the fallback, so recovery needs no restart. A
 * call that failed after that answer but was asked before it (one that waited for a failed node, and
 * timed out) is old news: it does not start the fallback again, which would draw on two buckets at
 * once, Redis's (with its callers' slots already reserved) and a full one here. Failures are logged here, once each, throttled: the first few, then every hundredth.
 */
public final class RedisFallback {

  public static final long RETRY_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** The one scope of a user that falls back as a whole. */
  public static final int WHOLE = 0;
  private static final long ANSWERING = Long.MIN_VALUE;
  private static final long NEVER = Long.MIN_VALUE;
  private static final Logger LOG = LoggerFactory.getLogger(RedisFallback.class);

  private final String user;
  private final String meanwhile;
  private final LongSupplier nanoClock;
  private final AtomicLong failures = new AtomicLong();
  /** Per scope: when it last failed, or {@link #ANSWERING}. */
  private final AtomicLongArray failedAt;
  /** Per scope: when Redis last answered it again after failing, or {@link #NEVER}. */
  private final AtomicLongArray recoveredAt;
  /** Scopes not {@link #ANSWERING}. */
  private final AtomicInteger failing = new AtomicInteger();

  /**
   * @param user what Redis serves here, for the log ("quota decisions")
   * @param meanwhile what happens instead while it fails, for the log ("deciding in process")
   * @param scopes how many scopes fall back apart: 1, or {@link RedisSlots#COUNT} on a cluster
   */
  public RedisFallback(String user, String meanwhile, int scopes, LongSupplier nanoClock) {
    this.user = user;
    this.meanwhile = meanwhile;
    this.nanoClock = nanoClock;
    this.failedAt = new AtomicLongArray(scopes);
    this.recoveredAt = new AtomicLongArray(scopes);
    for (int i = 0; i < scopes; i++) {
      failedAt.set(i, ANSWERING);
      recoveredAt.set(i, NEVER);
    }
  }

  /** True while Redis is bypassed, for some scope at least, because it failed. */
  public boolean fallingBack() {
    return failing.get() > 0;
  }

  /**
   * Whether this call should leave Redis alone: within {@link #RETRY_AFTER_NANOS} of the last
   * failure in its scope, or once that has passed, for every call but the one that claims the retry.
   */
  public boolean skipRedis(int scope) {
    long since = failedAt.get(scope);
    if (since == ANSWERING) {
      return false;
    }
    long now = nanoClock.getAsLong();
    return now - since < RETRY_AFTER_NANOS || !failedAt.compareAndSet(scope, since, now);
  }

  /**
   * Redis failed a call of this scope, asked at {@code askedAt} (on the clock this was given): the
   * scope goes on in process, unless Redis answered it again since the call was asked.
   */
  public void failed(int scope, long askedAt, Throwable cause) {
    long recovered = recoveredAt.get(scope);
    if (recovered != NEVER && askedAt - recovered < 0) {
      return;
    }
    if (failedAt.getAndSet(scope, nanoClock.getAsLong()) == ANSWERING) {
      failing.incrementAndGet();
    }
    long count = failures.incrementAndGet();
    if (count <= 3 || count % 100 == 0) {
      LOG.warn("Redis failed {}{} (failure {} since it last answered): {}; {} until it answers again", user,
          failedAt.length() > 1 ? " in hash slot " + scope : "", count, describe(cause), meanwhile);
    }
  }

  /** Redis answered a call of this scope; true for the answer that ends the scope's fallback. */
  public boolean answered(int scope) {
    // Read first: a write on every call would bounce the field between the event loops' cores.
    if (failedAt.get(scope) == ANSWERING || failedAt.getAndSet(scope, ANSWERING) == ANSWERING) {
      return false;
    }
    recoveredAt.set(scope, nanoClock.getAsLong());
    if (failing.decrementAndGet() == 0) {
      LOG.info("Redis answers {} again, after {} failure(s)", user, failures.getAndSet(0));
    }
    return true;
  }

  private static String describe(Throwable cause) {
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
