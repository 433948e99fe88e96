package io.spgate.vertx;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One value per event loop, made on first use on that loop. A connection (or a client's pool of
 * them) opened on one loop and used from another makes every write and every answer cross
 * threads; kept per loop, each call stays on the thread it arrived on. Call {@link #get()} on an
 * event loop only.
 */
public final class PerEventLoop<T> {

  private final Supplier<T> factory;
  private final Map<Thread, T> values = new ConcurrentHashMap<>();

  public PerEventLoop(Supplier<T> factory) {
    this.factory = factory;
  }

  /** The current event loop's value. */
  public T get() {
    return values.computeIfAbsent(Thread.currentThread(), thread -> factory.get());
  }
}
