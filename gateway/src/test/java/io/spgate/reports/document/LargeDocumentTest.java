package io.spgate.reports.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.FlowableSubscriber;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;

/**
 * 300 MB of Cp1252 TSV, gzipped as it is generated, through gunzip, UTF-8 and NDJSON into a sink
 * that counts: every row arrives, and the heap in use stays what it was give or take a few MB.
 */
class LargeDocumentTest {

  private static final long TSV_BYTES = 300L * 1024 * 1024;
  private static final long HEAP_GROWTH_LIMIT = 32L * 1024 * 1024;

  @Test
  void should_convert_300_mb_in_constant_memory() {
    long baseline = usedHeapAfterGc();
    GzippedTsv source = new GzippedTsv(TSV_BYTES);
    DocumentPipeline pipeline = DocumentPipeline.of(DocumentFormat.NDJSON, "text/plain; charset=Cp1252");
    CountingSink sink = new CountingSink();

    Flowable.generate(() -> source, GzippedTsv::next).compose(pipeline).subscribe(sink);

    assertThat(sink.failure).isNull();
    assertThat(sink.completed).isTrue();
    assertThat(source.tsvBytes).isGreaterThanOrEqualTo(TSV_BYTES);
    assertThat(pipeline.rows()).isEqualTo(source.rows);
    assertThat(sink.lines).isEqualTo(source.rows);
    assertThat(pipeline.replacedCharacters()).isZero();
    assertThat(sink.largestPiece).isLessThan(128 * 1024);
    assertThat(sink.heapChecks).isGreaterThan(5);
    assertThat(sink.maxUsedHeap - baseline).as("heap growth while streaming").isLessThan(HEAP_GROWTH_LIMIT);
  }

  static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  /** Rows of TSV in Cp1252, gzipped a block at a time as the stream asks for them. */
  static final class GzippedTsv {
    private static final Charset CP1252 = Charset.forName("windows-1252");
    private final long limit;
    private final ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    private final GZIPOutputStream gzip;
    private long tsvBytes;
    private long rows;
    private boolean finished;

    GzippedTsv(long limit) {
      this.limit = limit;
      try {
        gzip = new GZIPOutputStream(compressed, 64 * 1024) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        };
        write("sku\ttitle\tprice\tquantity\tcondition\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void next(io.reactivex.rxjava3.core.Emitter<Buffer> emitter) {
      try {
        while (compressed.size() == 0 && !finished) {
          if (tsvBytes >= limit) {
            gzip.finish();
            finished = true;
          } else {
            StringBuilder block = new StringBuilder(70_000);
            while (block.length() < 64 * 1024) {
              block.append("SKU-").append(rows).append("\tCafé “Deluxe” 12\" mug № ").append(rows % 977).append("\t")
                  .append(rows % 100).append(".99 €\t").append(rows % 13).append("\tNew\n");
              rows++;
            }
            write(block.toString());
          }
        }
        if (compressed.size() > 0) {
          emitter.onNext(Buffer.buffer(compressed.toByteArray()));
          compressed.reset();
        } else {
          emitter.onComplete();
        }
      } catch (IOException e) {
        emitter.onError(e);
      }
    }

    private void write(String text) throws IOException {
      byte[] bytes = text.getBytes(CP1252);
      tsvBytes += bytes.length;
      gzip.write(bytes);
    }
  }

  /** Requests 16 pieces at a time, like Vert.x's subscriber; counts lines and looks at the heap every 50 MB. */
  static final class CountingSink implements FlowableSubscriber<Buffer> {
    private static final long CHECK_EVERY = 50L * 1024 * 1024;
    private Subscription subscription;
    private int outstanding;
    private long bytes;
    private long nextCheck = CHECK_EVERY;
    private long lines;
    private int largestPiece;
    private long maxUsedHeap;
    private int heapChecks;
    private boolean completed;
    private Throwable failure;

    @Override
    public void onSubscribe(Subscription subscription) {
      this.subscription = subscription;
      outstanding = 16;
      subscription.request(16);
    }

    @Override
    public void onNext(Buffer piece) {
      largestPiece = Math.max(largestPiece, piece.length());
      for (int i = 0; i < piece.length(); i++) {
        if (piece.getByte(i) == '\n') {
          lines++;
        }
      }
      bytes += piece.length();
      if (bytes >= nextCheck) {
        nextCheck += CHECK_EVERY;
        heapChecks++;
        maxUsedHeap = Math.max(maxUsedHeap, usedHeapAfterGc());
      }
      if (--outstanding == 0) {
        outstanding = 16;
        subscription.request(16);
      }
    }

    @Override
    public void onError(Throwable failure) {
      this.failure = failure;
    }

    @Override
    public void onComplete() {
      completed = true;
    }
  }
}
