package io.spgate.simulator.reports;

import io.spgate.simulator.documents.Document;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A report document generated while it is downloaded: rows are rendered, encoded in the marketplace's charset and
 * gzip-compressed a chunk at a time, and the next chunk is made only when asked for. Nothing of the document is kept,
 * so its size is bounded by nothing but the row count. The same rows in the same chunks at the same gzip level give the
 * same bytes every time (Java's gzip header has no timestamp), which is what lets a byte range be served by generating
 * again; the length is known once one reading reached the end.
 */
final class ReportDocument implements Document {
  private static final int CHUNK_CHARS = 64 * 1024;

  private final String id;
  private final String sellerId;
  private final ReportCharset charset;
  private final Supplier<ReportRows> rows;
  private final AtomicLong length = new AtomicLong(-1);

  ReportDocument(String id, String sellerId, ReportCharset charset, Supplier<ReportRows> rows) {
    this.id = id;
    this.sellerId = sellerId;
    this.charset = charset;
    this.rows = rows;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String sellerId() {
    return sellerId;
  }

  @Override
  public boolean gzipCompressed() {
    return true;
  }

  @Override
  public String contentType() {
    return charset.contentType();
  }

  @Override
  public long knownLength() {
    return length.get();
  }

  @Override
  public Chunks open() {
    return new Reading(rows.get());
  }

  /** One reading of the document, from its first byte. */
  private final class Reading implements Chunks {
    private final ReportRows rows;
    private final StringBuilder text = new StringBuilder(CHUNK_CHARS + 1024);
    private final ByteArrayOutputStream compressed = new ByteArrayOutputStream(CHUNK_CHARS);
    private final GZIPOutputStream gzip;
    private final CharsetEncoder encoder = charset.charset().newEncoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private long next = -1;
    private long produced;
    private boolean finished;

    Reading(ReportRows rows) {
      this.rows = rows;
      try {
        // Level 1: a report of many GB is compressed as fast as it is produced; the ratio barely matters.
        this.gzip = new GZIPOutputStream(compressed, CHUNK_CHARS) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        };
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Buffer next() {
      try {
        while (!finished) {
          if (next >= rows.rowCount()) {
            gzip.finish();
            finished = true;
          } else {
            fillChunk();
            ByteBuffer bytes = encoder.encode(CharBuffer.wrap(text));
            gzip.write(bytes.array(), bytes.arrayOffset(), bytes.limit());
          }
          if (compressed.size() > 0) {
            return take();
          }
        }
        length.set(produced);
        return null;
      } catch (CharacterCodingException e) {
        throw new IllegalStateException("cannot encode report in " + charset.charset(), e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void fillChunk() {
      text.setLength(0);
      if (next < 0) {
        text.append(rows.header());
        next = 0;
      }
      while (text.length() < CHUNK_CHARS && next < rows.rowCount()) {
        rows.appendRow(next++, text);
      }
    }

    private Buffer take() {
      Buffer chunk = Buffer.buffer(compressed.toByteArray());
      compressed.reset();
      produced += chunk.length();
      return chunk;
    }
  }
}
