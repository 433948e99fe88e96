package io.spgate.reports.document;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.FlowableTransformer;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;

/**
 * A step of a document's stream, fed chunk by chunk, that makes its output only as downstream asks
 * for it: one small gzip chunk inflating to megabytes never becomes a pile of buffers, and a slow
 * reader stops the reading of the source. One instance serves one download; it keeps state between
 * chunks (a split multi-byte character, a half-read gzip header, a half-parsed row).
 */
public abstract class BufferStage implements FlowableTransformer<Buffer, Buffer> {

  private final AtomicBoolean used = new AtomicBoolean();

  /** Takes the next chunk; called only once everything the previous one gave came out of {@link #poll}. */
  protected abstract void accept(Buffer chunk);

  /** The next piece of output, or null when the stage needs more input (or, after {@link #end}, has nothing left). */
  protected abstract Buffer poll();

  /** The input ended: what the stage still holds comes out through {@link #poll}; an input cut short throws here. */
  protected abstract void end();

  /** Frees what the stage holds outside the heap; called once, whether the stream completed, failed or was cancelled. */
  protected void release() {
  }

  @Override
  public final Publisher<Buffer> apply(Flowable<Buffer> upstream) {
    return Flowable.defer(() -> {
      if (!used.compareAndSet(false, true)) {
        return Flowable.<Buffer>error(new IllegalStateException(getClass().getSimpleName() + " serves one download only"));
      }
      // Prefetch 1: at most one chunk waits while the one before it is drained.
      return upstream.concatMap(chunk -> output(() -> accept(chunk)), 1)
          .concatWith(Flowable.defer(() -> output(this::end)))
          .doFinally(this::release);
    });
  }

  /** The output of one feed (a chunk, or the end), made piece by piece as requested. */
  private Flowable<Buffer> output(Runnable feed) {
    return Flowable.generate(() -> {
      feed.run();
      return this;
    }, (stage, emitter) -> {
      Buffer next = poll();
      while (next != null && next.length() == 0) {
        next = poll();
      }
      if (next == null) {
        emitter.onComplete();
      } else {
        emitter.onNext(next);
      }
    });
  }
}
