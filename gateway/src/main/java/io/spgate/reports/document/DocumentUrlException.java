package io.spgate.reports.document;

/** A document URL the gateway will not fetch, and why. */
public final class DocumentUrlException extends RuntimeException {

  public enum Reason { MALFORMED, NOT_HTTPS, USERINFO_PRESENT, HOST_NOT_ALLOWED }

  private final Reason reason;

  public DocumentUrlException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
