package io.spgate.reports.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A slow caller must pause the source: between a core ReadStream and a core WriteStream, nothing piles up. */
class BackpressureTest {

  private static final int CHUNK = 1024;
  private static final int CHUNKS = 8_000;

  @Test
  void should_pause_the_source_while_the_sink_is_full_and_deliver_everything_after() {
    ChunkSource source = new ChunkSource(CHUNKS);
    SlowSink sink = new SlowSink(4);
    DocumentPipeline pipeline = DocumentPipeline.of(DocumentFormat.NDJSON, "text/plain; charset=UTF-8");

    Future<Void> piped = DocumentStreams.pipe(DocumentStreams.flowable(source).compose(pipeline), sink);

    // Everything is synchronous: the sink filled, nobody asks for more, the source stopped.
    assertThat(piped.isComplete()).isFalse();
    assertThat(sink.writeQueueFull()).isTrue();
    int emittedWhileFull = source.emitted;
    // The sink takes at most a batch of 16 pieces (Vert.x's subscriber asks 16 at a time) of ~64 KB each.
    assertThat((long) emittedWhileFull * CHUNK).isLessThan(20L * 70 * 1024);
    assertThat(source.demand).isLessThanOrEqualTo(1);

    int drains = 0;
    while (!piped.isComplete()) {
      sink.drain();
      drains++;
      assertThat(source.maxDemand).as("demand the source ever saw").isLessThanOrEqualTo(2);
    }

    assertThat(piped.succeeded()).isTrue();
    assertThat(sink.ended).isTrue();
    assertThat(source.emitted).isEqualTo(CHUNKS);
    assertThat(source.fetches).isGreaterThan(CHUNKS / 2);
    assertThat(drains).isGreaterThan(10);
    assertThat(sink.maxQueued).isLessThanOrEqualTo(16);
    assertThat(pipeline.rows()).isEqualTo(source.rows - 1);
    assertThat(sink.lines).isEqualTo(source.rows - 1);
  }

  /** A core ReadStream of generated TSV chunks that emits only on demand (fetch), as Vert.x's streams do. */
  static final class ChunkSource implements ReadStream<Buffer> {
    private final int chunks;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private long demand = Long.MAX_VALUE;
    private long maxDemand;
    private boolean paused;
    private boolean emitting;
    private boolean ended;
    private int emitted;
    private int fetches;
    private long rows;
    private final StringBuilder pending = new StringBuilder();

    ChunkSource(int chunks) {
      this.chunks = chunks;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
      this.handler = handler;
      return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
      paused = true;
      demand = 0;
      return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
      return fetch(Long.MAX_VALUE);
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
      fetches++;
      demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
      if (paused && !ended && amount != Long.MAX_VALUE) {
        maxDemand = Math.max(maxDemand, demand);
      }
      emit();
      return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
      this.endHandler = endHandler;
      return this;
    }

    private void emit() {
      if (emitting) {
        return;
      }
      emitting = true;
      try {
        while (demand > 0 && handler != null && !ended) {
          if (emitted == chunks) {
            ended = true;
            endHandler.handle(null);
            return;
          }
          demand--;
          emitted++;
          handler.handle(nextChunk());
        }
      } finally {
        emitting = false;
      }
    }

    private Buffer nextChunk() {
      while (pending.length() < CHUNK) {
        pending.append(rows == 0 ? "sku\ttitle\tqty\n" : "SKU-" + rows + "\tTitle of row " + rows + "\t" + rows % 10 + "\n");
        rows++;
      }
      Buffer chunk = Buffer.buffer(pending.substring(0, CHUNK));
      pending.delete(0, CHUNK);
      if (emitted == chunks) {
        // The last chunk ends on a whole row.
        chunk.appendString(pending.toString());
        pending.setLength(0);
      }
      return chunk;
    }
  }

  /** A core WriteStream whose queue fills after a few writes and empties only when the test says. */
  static final class SlowSink implements WriteStream<Buffer> {
    private final int maxSize;
    private final List<Buffer> queued = new ArrayList<>();
    private Handler<Void> drainHandler;
    private int maxQueued;
    private long lines;
    private boolean ended;

    SlowSink(int maxSize) {
      this.maxSize = maxSize;
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
      queued.add(data);
      maxQueued = Math.max(maxQueued, queued.size());
      String text = data.toString(StandardCharsets.UTF_8);
      lines += text.chars().filter(c -> c == '\n').count();
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      ended = true;
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return queued.size() >= maxSize;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      this.drainHandler = handler;
      return this;
    }

    void drain() {
      queued.clear();
      if (drainHandler != null) {
        drainHandler.handle(null);
      }
    }
  }
}
