package io.spgate.reports.document;

import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * A UTF-8 TSV document rewritten row by row into another text format. Output leaves in pieces of
 * about {@link #BATCH_BYTES}, not a buffer per row, and only as fast as downstream asks: rows are
 * parsed while the piece being filled has room.
 */
public abstract class TsvConversion extends BufferStage {

  static final int BATCH_BYTES = 64 * 1024;
  private static final char BOM = '\uFEFF';

  private final TsvReader reader;
  private byte[] input = new byte[0];
  private int position;
  private boolean ended;
  private boolean finished;
  private List<String> header;
  private long rows;

  protected TsvConversion() {
    this(TsvReader.MAX_ROW_BYTES);
  }

  TsvConversion(int maxRowBytes) {
    this.reader = new TsvReader(this::row, maxRowBytes);
  }

  /** Rows written so far, the header not counted. */
  public long rows() {
    return rows;
  }

  /** Writes the document's header, the first row, as read. */
  protected abstract void writeHeader(List<String> names);

  /** Writes one data row; it may have fewer or more fields than the header. */
  protected abstract void writeRow(List<String> fields);

  /** Writes what the format needs after the last row, if anything. */
  protected void writeEnd() {
  }

  /** How many bytes are written and not yet taken. */
  protected abstract int pending();

  /** The bytes written since the last take. */
  protected abstract Buffer take();

  @Override
  protected final void accept(Buffer chunk) {
    input = chunk.getBytes();
    position = 0;
  }

  @Override
  protected final Buffer poll() {
    while (pending() < BATCH_BYTES && position < input.length) {
      position = reader.read(input, position, input.length);
    }
    if (pending() >= BATCH_BYTES) {
      return take();
    }
    if (ended && !finished) {
      finished = true;
      reader.finish();
      writeEnd();
    }
    return finished && pending() > 0 ? take() : null;
  }

  @Override
  protected final void end() {
    ended = true;
  }

  private void row(List<String> fields) {
    if (header == null) {
      String first = fields.get(0);
      if (!first.isEmpty() && first.charAt(0) == BOM) {
        fields.set(0, first.substring(1));
      }
      header = fields;
      writeHeader(fields);
    } else {
      rows++;
      writeRow(fields);
    }
  }
}
