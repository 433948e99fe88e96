package io.spgate.fanout;

/** The body cannot be read as the format it claims: where, and why. */
final class MalformedBodyException extends RuntimeException {

  MalformedBodyException(String detail) {
    super(detail, null, false, false);
  }
}
