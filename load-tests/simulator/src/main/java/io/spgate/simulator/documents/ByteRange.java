package io.spgate.simulator.documents;

/**
 * A single HTTP byte range as S3 takes it: {@code bytes=N-}, {@code bytes=N-M} or the suffix form {@code bytes=-K}.
 * {@code last} is -1 when open-ended; {@code suffix} is the K of the suffix form, else -1.
 */
record ByteRange(long first, long last, long suffix) {

  /** The range asked for, or null when the header is absent or not one byte range (then the whole document is sent, as S3 does). */
  static ByteRange parse(String header) {
    if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
      return null;
    }
    String spec = header.substring("bytes=".length()).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    try {
      String from = spec.substring(0, dash).trim();
      String to = spec.substring(dash + 1).trim();
      if (from.isEmpty()) {
        long suffix = Long.parseLong(to);
        return suffix > 0 ? new ByteRange(-1, -1, suffix) : null;
      }
      long first = Long.parseLong(from);
      long last = to.isEmpty() ? -1 : Long.parseLong(to);
      return first < 0 || (last >= 0 && last < first) ? null : new ByteRange(first, last, -1);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Whether the last byte is named, so the length of the answer is known before the document's total. */
  boolean closed() {
    return suffix < 0 && last >= 0;
  }

  /** The first and last byte (inclusive) within a document of {@code total} bytes, or null when none is inside it. */
  long[] within(long total) {
    if (suffix >= 0) {
      return total == 0 ? null : new long[] {Math.max(0, total - suffix), total - 1};
    }
    if (first >= total) {
      return null;
    }
    return new long[] {first, last < 0 ? total - 1 : Math.min(last, total - 1)};
  }
}
