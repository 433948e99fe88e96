package io.spgate.fanout;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.Deque;

/** A body in memory, handed out in the given pieces while not paused, as a request's body would be. */
final class BufferSource implements ReadStream<Buffer> {

  private final Deque<Buffer> pieces = new ArrayDeque<>();
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private boolean paused = true;
  private boolean ended;
  int pauses;

  /** The text cut into pieces of {@code size} bytes, so that lines and values straddle them. */
  static BufferSource of(String text, int size) {
    BufferSource source = new BufferSource();
    Buffer all = Buffer.buffer(text);
    for (int i = 0; i < all.length(); i += size) {
      source.pieces.add(all.getBuffer(i, Math.min(all.length(), i + size)));
    }
    return source;
  }

  private void drain() {
    while (!paused && !pieces.isEmpty()) {
      handler.handle(pieces.poll());
    }
    if (!paused && pieces.isEmpty() && !ended) {
      ended = true;
      endHandler.handle(null);
    }
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    this.handler = handler == null ? b -> { } : handler;
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    paused = true;
    pauses++;
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    paused = false;
    drain();
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    return resume();
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }
}
