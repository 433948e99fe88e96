package io.spgate.store;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether one user of Redis (quota decisions, the token cache) asks Redis or goes on in process.
 * A failure (an error, or no answer in time) switches to this process for {@link #RETRY_AFTER_NANOS};
 * then one call tries Redis again while the others stay in process, and the first answer ends the
 * fallback, so recovery needs no restart. Failures are logged here, once each, throttled: the first
 * few, then every hundredth.
 */
public final class RedisFallback {

  public static final long RETRY_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long ANSWERING = Long.MIN_VALUE;
  private static final Logger LOG = LoggerFactory.getLogger(RedisFallback.class);

  private final String user;
  private final String meanwhile;
  private final LongSupplier nanoClock;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong failedAt = new AtomicLong(ANSWERING);

  /**
   * @param user what Redis serves here, for the log ("quota decisions")
   * @param meanwhile what happens instead while it fails, for the log ("deciding in process")
   */
  public RedisFallback(String user, String meanwhile, LongSupplier nanoClock) {
    this.user = user;
    this.meanwhile = meanwhile;
    this.nanoClock = nanoClock;
  }

  /** True while Redis is bypassed because it failed. */
  public boolean fallingBack() {
    return failedAt.get() != ANSWERING;
  }

  /**
   * Whether this call should leave Redis alone: within {@link #RETRY_AFTER_NANOS} of the last
   * failure, or once that has passed, for every call but the one that claims the retry.
   */
  public boolean skipRedis() {
    long since = failedAt.get();
    if (since == ANSWERING) {
      return false;
    }
    long now = nanoClock.getAsLong();
    return now - since < RETRY_AFTER_NANOS || !failedAt.compareAndSet(since, now);
  }

  /** Redis failed a call: go on in process. */
  public void failed(Throwable cause) {
    failedAt.set(nanoClock.getAsLong());
    long count = failures.incrementAndGet();
    if (count <= 3 || count % 100 == 0) {
      LOG.warn("Redis failed {} (failure {} since it last answered): {}; {} until it answers again", user, count, describe(cause),
          meanwhile);
    }
  }

  /** Redis answered a call. */
  public void answered() {
    // Read first: a write on every call would bounce the field between the event loops' cores.
    if (failedAt.get() != ANSWERING && failedAt.getAndSet(ANSWERING) != ANSWERING) {
      LOG.info("Redis answers {} again, after {} failure(s)", user, failures.getAndSet(0));
    }
  }

  private static String describe(Throwable cause) {
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
