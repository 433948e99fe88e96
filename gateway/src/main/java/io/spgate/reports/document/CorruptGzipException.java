package io.spgate.reports.document;

/** A document that starts as gzip but is not valid gzip to its end: truncated, a bad block, a checksum that does not match. */
public final class CorruptGzipException extends DocumentContentException {

  public CorruptGzipException(String message) {
    super(message);
  }

  public CorruptGzipException(String message, Throwable cause) {
    super(message, cause);
  }
}
