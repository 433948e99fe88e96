package io.spgate.reports.document;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Splits UTF-8 TSV into rows, byte by byte, so rows may be cut anywhere between chunks. Lines end
 * with LF or CRLF, fields with TAB. Amazon's TSV is unquoted, so a quote is data ({@code 12" mug},
 * {@code "Deluxe" mug}) unless a field is quoted whole: it starts with {@code "} and its closing
 * quote is followed by TAB, a line end or the end of input; then it may hold TAB, CR and LF, and
 * {@code ""} is one quote. A field that only looked quoted is read again, literally, up to its TAB.
 * Blank lines are skipped. No TSV library parses incrementally without blocking on an input stream.
 */
final class TsvReader {

  /** Rows beyond this are not report rows; a quoted field this long is taken to be an unclosed quote. */
  static final int MAX_ROW_BYTES = 8 * 1024 * 1024;

  private enum State { FIELD_START, UNQUOTED, UNQUOTED_CR, QUOTED, QUOTED_QUOTE, QUOTED_QUOTE_CR }

  private final Consumer<List<String>> rows;
  private final int maxRowBytes;
  private final Bytes field = new Bytes();
  /** The quoted field as it came, to read it again literally if it turns out not to be quoted. */
  private final Bytes raw = new Bytes();
  private State state = State.FIELD_START;
  private List<String> row = new ArrayList<>();
  private int rowBytes;
  private boolean literalStart;
  private byte[] replay;
  private int replayPosition;
  private long rowsRead;

  TsvReader(Consumer<List<String>> rows) {
    this(rows, MAX_ROW_BYTES);
  }

  TsvReader(Consumer<List<String>> rows, int maxRowBytes) {
    this.rows = rows;
    this.maxRowBytes = maxRowBytes;
  }

  /** Rows handed on so far, the header included. */
  long rowsRead() {
    return rowsRead;
  }

  /** Reads {@code bytes[from, to)} until a row is complete (so callers can stop when their output is full); answers where it stopped. */
  int read(byte[] bytes, int from, int to) {
    long before = rowsRead;
    drainReplay();
    int i = from;
    while (i < to && rowsRead == before) {
      step(bytes[i++]);
      drainReplay();
    }
    return i;
  }

  /** The input ended: the last row, even without its line end. */
  void finish() {
    while (true) {
      drainReplay();
      switch (state) {
        case FIELD_START -> {
          if (!row.isEmpty()) {
            endField();
            endRow();
          }
          return;
        }
        // A quote never closed: the field was literal after all.
        case QUOTED -> reread();
        default -> {
          endField();
          endRow();
          return;
        }
      }
    }
  }

  private void step(byte b) {
    switch (state) {
      case FIELD_START -> {
        if (b == '"' && !literalStart) {
          state = State.QUOTED;
          raw.add(b);
        } else {
          literalStart = false;
          state = State.UNQUOTED;
          unquoted(b);
        }
      }
      case UNQUOTED -> unquoted(b);
      case UNQUOTED_CR -> {
        if (b == '\n') {
          endField();
          endRow();
        } else {
          append((byte) '\r');
          state = State.UNQUOTED;
          unquoted(b);
        }
      }
      case QUOTED -> {
        raw.add(b);
        if (b == '"') {
          state = State.QUOTED_QUOTE;
        } else {
          field.add(b);
        }
        if (rowBytes + raw.size() > maxRowBytes) {
          reread();
        }
      }
      case QUOTED_QUOTE -> {
        if (b == '"') {
          raw.add(b);
          field.add(b);
          state = State.QUOTED;
        } else if (b == '\t') {
          endField();
        } else if (b == '\n') {
          endField();
          endRow();
        } else if (b == '\r') {
          raw.add(b);
          state = State.QUOTED_QUOTE_CR;
        } else {
          raw.add(b);
          reread();
        }
      }
      case QUOTED_QUOTE_CR -> {
        if (b == '\n') {
          endField();
          endRow();
        } else {
          raw.add(b);
          reread();
        }
      }
      default -> throw new IllegalStateException(state.name());
    }
  }

  private void unquoted(byte b) {
    if (b == '\t') {
      endField();
    } else if (b == '\n') {
      endField();
      endRow();
    } else if (b == '\r') {
      state = State.UNQUOTED_CR;
    } else {
      append(b);
    }
  }

  private void append(byte b) {
    if (rowBytes + field.size() >= maxRowBytes) {
      throw new RowTooLongException(rowsRead + 1, maxRowBytes);
    }
    field.add(b);
  }

  /** The field started with a quote but is not quoted: its bytes again, from the quote on, read literally. */
  private void reread() {
    byte[] again = raw.toArray();
    if (replay != null && replayPosition < replay.length) {
      byte[] rest = Arrays.copyOfRange(replay, replayPosition, replay.length);
      again = Arrays.copyOf(again, again.length + rest.length);
      System.arraycopy(rest, 0, again, again.length - rest.length, rest.length);
    }
    replay = again;
    replayPosition = 0;
    raw.reset();
    field.reset();
    state = State.FIELD_START;
    literalStart = true;
  }

  private void drainReplay() {
    while (replay != null && replayPosition < replay.length) {
      step(replay[replayPosition++]);
    }
    replay = null;
  }

  private void endField() {
    row.add(field.toUtf8());
    rowBytes += field.size();
    field.reset();
    raw.reset();
    state = State.FIELD_START;
    literalStart = false;
  }

  private void endRow() {
    if (row.size() > 1 || !row.get(0).isEmpty()) {
      rowsRead++;
      rows.accept(row);
    }
    row = new ArrayList<>(row.size());
    rowBytes = 0;
    state = State.FIELD_START;
  }

  /** A growable byte array that keeps its room between fields (and gives back a huge one). */
  private static final class Bytes {
    private static final int KEPT = 64 * 1024;
    private byte[] bytes = new byte[256];
    private int size;

    void add(byte b) {
      if (size == bytes.length) {
        bytes = Arrays.copyOf(bytes, bytes.length * 2);
      }
      bytes[size++] = b;
    }

    int size() {
      return size;
    }

    byte[] toArray() {
      return Arrays.copyOf(bytes, size);
    }

    String toUtf8() {
      return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }

    void reset() {
      size = 0;
      if (bytes.length > KEPT) {
        bytes = new byte[256];
      }
    }
  }
}
