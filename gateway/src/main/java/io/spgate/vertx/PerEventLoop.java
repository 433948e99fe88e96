package io.spgate.vertx;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One value per event loop, made on first use on that loop. A connection (or a client's pool of
 * them) opened on one loop and used from another makes every write and every answer cross
 * threads; kept per loop, each call stays on the thread it arrived on. Call {@link #get()} on an
 * event loop only, or use {@link #onLoop}.
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

  /**
   * Runs {@code call} with the value of the caller's event loop of {@code vertx}, or, for a caller on
   * a worker thread of it (which has no loop of its own), runs {@code fromWorker}. Any other thread
   * (a test's, another Vert.x's loop) uses, and is answered on, the loop {@code vertx} gives it.
   */
  public <R> Future<R> onLoop(Vertx vertx, Function<T, Future<R>> call, Supplier<Future<R>> fromWorker) {
    Context caller = Vertx.currentContext();
    if (caller != null && caller.owner() == vertx && Context.isOnEventLoopThread()) {
      return call.apply(get());
    }
    Context loop = vertx.getOrCreateContext();
    if (!loop.isEventLoopContext()) {
      return fromWorker.get();
    }
    // Answered on that loop even if the caller chains its handlers only once the answer is in.
    Promise<R> answer = ((ContextInternal) loop).promise();
    loop.runOnContext(v -> call.apply(get()).onComplete(answer));
    return answer.future();
  }
}
