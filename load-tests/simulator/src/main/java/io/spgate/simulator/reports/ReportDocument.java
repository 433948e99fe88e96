package io.spgate.simulator.reports;

import io.spgate.simulator.documents.Document;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A report document generated while it is downloaded: rows are rendered, encoded in the marketplace's charset and
 * gzip-compressed a chunk at a time, and the next chunk is made only when the connection has taken the last one.
 * Nothing of the document is kept, so its size is bounded by nothing but the row count.
 */
final class ReportDocument implements Document {
  private static final int CHUNK_CHARS = 64 * 1024;

  private final String id;
  private final String sellerId;
  private final Charset charset;
  private final Supplier<ReportRows> rows;

  ReportDocument(String id, String sellerId, Charset charset, Supplier<ReportRows> rows) {
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
  public void writeTo(HttpServerResponse response) {
    response.setChunked(true).putHeader("content-type", "text/tab-separated-values; charset=" + charset.name());
    new Transfer(response, rows.get()).writeMore();
  }

  /** One download in progress. */
  private final class Transfer {
    private final HttpServerResponse response;
    private final ReportRows rows;
    private final StringBuilder text = new StringBuilder(CHUNK_CHARS + 1024);
    private final ByteArrayOutputStream compressed = new ByteArrayOutputStream(CHUNK_CHARS);
    private final GZIPOutputStream gzip;
    private final CharsetEncoder encoder = charset.newEncoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private long next = -1;

    Transfer(HttpServerResponse response, ReportRows rows) {
      this.response = response;
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

    void writeMore() {
      try {
        while (!response.closed() && !response.writeQueueFull()) {
          if (next >= rows.rowCount()) {
            gzip.finish();
            response.end(takeCompressed());
            return;
          }
          fillChunk();
          ByteBuffer bytes = encoder.encode(CharBuffer.wrap(text));
          gzip.write(bytes.array(), bytes.arrayOffset(), bytes.limit());
          if (compressed.size() > 0) {
            response.write(takeCompressed());
          }
        }
        if (!response.closed()) {
          response.drainHandler(v -> writeMore());
        }
      } catch (CharacterCodingException e) {
        throw new IllegalStateException("cannot encode report in " + charset, e);
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

    private Buffer takeCompressed() {
      Buffer chunk = Buffer.buffer(compressed.toByteArray());
      compressed.reset();
      return chunk;
    }
  }
}
