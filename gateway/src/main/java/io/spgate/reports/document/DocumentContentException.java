package io.spgate.reports.document;

/** A document whose bytes cannot be what they claim: a broken gzip, a row beyond any sane size. The stream ends with it. */
public class DocumentContentException extends RuntimeException {

  public DocumentContentException(String message) {
    super(message);
  }

  public DocumentContentException(String message, Throwable cause) {
    super(message, cause);
  }
}
