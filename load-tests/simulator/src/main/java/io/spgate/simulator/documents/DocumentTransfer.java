package io.spgate.simulator.documents;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Sends bytes {@code first..last} of a document to a response, producing the next chunk only when the connection has
 * taken the last one. Bytes before {@code first} are produced and dropped: a generated document is the same on every
 * reading, so a range is served by generating again and skipping.
 */
final class DocumentTransfer {
  /** Chunks skipped in one turn of the event loop before letting other work run. */
  private static final int SKIPS_PER_TURN = 32;
  /** Chunks made in one turn of the event loop, whether or not the connection has taken them yet. */
  private static final int CHUNKS_PER_TURN = 16;

  private final HttpServerResponse response;
  private final Document.Chunks chunks;
  private final long first;
  private final long last;
  private final Context context = Vertx.currentContext();
  private long position;

  private final Runnable onCut;

  /** {@code last} is inclusive; Long.MAX_VALUE sends to the end. {@code onCut} runs when the client goes away first. */
  DocumentTransfer(HttpServerResponse response, Document.Chunks chunks, long first, long last, Runnable onCut) {
    this.response = response;
    this.onCut = onCut;
    this.chunks = chunks;
    this.first = first;
    this.last = last;
  }

  void start() {
    response.closeHandler(v -> {
      if (!response.ended()) {
        onCut.run();
      }
    });
    writeMore();
  }

  private void writeMore() {
    int skipped = 0;
    int made = 0;
    while (!response.closed() && !response.writeQueueFull()) {
      // A well-compressed document may never fill the write queue: the loop yields now and then all the same,
      // so the event loop also serves other connections (and sees this one close).
      if (++made > CHUNKS_PER_TURN) {
        context.runOnContext(v -> writeMore());
        return;
      }
      Buffer chunk = position > last ? null : chunks.next();
      if (chunk == null) {
        response.end();
        return;
      }
      long start = position;
      position += chunk.length();
      if (position <= first) {
        if (++skipped == SKIPS_PER_TURN) {
          context.runOnContext(v -> writeMore());
          return;
        }
        continue;
      }
      int from = (int) Math.max(0, first - start);
      int to = (int) (Math.min(chunk.length() - 1, last - start) + 1);
      response.write(from == 0 && to == chunk.length() ? chunk : chunk.slice(from, to));
    }
    if (!response.closed()) {
      response.drainHandler(v -> writeMore());
    }
  }

  /**
   * Reads bytes {@code first..last} of a document into memory, stopping at its end: for a closed range of a document
   * whose total is not known yet. The answer may be shorter than asked (the document ended); {@code position} then tells the total.
   */
  static final class Collected {
    final Buffer bytes = Buffer.buffer();
    long position;
    boolean ended;
  }

  static Future<Collected> collect(Document.Chunks chunks, long first, long last) {
    Promise<Collected> done = Promise.promise();
    Collected collected = new Collected();
    Context context = Vertx.currentContext();
    collectMore(chunks, first, last, collected, context, done);
    return done.future();
  }

  private static void collectMore(Document.Chunks chunks, long first, long last, Collected c, Context context,
      Promise<Collected> done) {
    for (int n = 0; n < SKIPS_PER_TURN; n++) {
      Buffer chunk = c.position > last ? null : chunks.next();
      if (chunk == null) {
        c.ended = c.position <= last;
        done.complete(c);
        return;
      }
      long start = c.position;
      c.position += chunk.length();
      if (c.position > first) {
        int from = (int) Math.max(0, first - start);
        int to = (int) (Math.min(chunk.length() - 1, last - start) + 1);
        c.bytes.appendBuffer(chunk.slice(from, to));
      }
    }
    context.runOnContext(v -> collectMore(chunks, first, last, c, context, done));
  }
}
