package io.spgate.fanout;

/** Thrown while checking one update; the intake turns it into that update's {@link Rejection}. */
final class RejectedUpdateException extends RuntimeException {

  private final String code;

  RejectedUpdateException(String code, String detail) {
    super(detail, null, false, false);
    this.code = code;
  }

  Rejection at(int index) {
    return new Rejection(index, code, getMessage());
  }
}
