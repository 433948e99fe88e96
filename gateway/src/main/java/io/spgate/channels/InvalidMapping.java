package io.spgate.channels;

import io.spgate.http.ApiException;
import io.spgate.http.Problem;

/** Why a mapping a caller sent cannot be stored: a stable code (such as {@code asin_invalid}) and a sentence. */
final class InvalidMapping extends RuntimeException {

  private final String code;

  InvalidMapping(String code, String detail) {
    super(detail, null, false, false);
    this.code = code;
  }

  String code() {
    return code;
  }

  /** The same refusal for a route that takes one mapping: 400 with the code. */
  ApiException asProblem() {
    return new ApiException(new Problem(400, code, "Invalid request", getMessage()));
  }
}
