package io.spgate.idempotency;

import io.spgate.http.Problem;

/** The answers about an {@code Idempotency-Key} itself, the same on every route that takes one. */
public final class IdempotencyProblems {

  private IdempotencyProblems() {}

  /** 400 {@code idempotency_key_required}: the route acts once per key, and the request sent none. */
  public static Problem required(String why) {
    return Problem.badRequest("idempotency_key_required", "Send an Idempotency-Key header (a UUID you make once per " + why
        + ") so that a retried request does not act twice.");
  }

  /** 400 {@code validation_failed}: a key must be 1-255 printable ASCII characters. */
  public static Problem malformed() {
    return Problem.validation("'" + IdempotencyKey.HEADER + "' must be 1-255 printable ASCII characters.");
  }

  /** 409 {@code idempotency_key_in_use}: a request with the key is being served now. */
  public static Problem inUse() {
    return Problem.conflict("idempotency_key_in_use",
        "A request with this Idempotency-Key is being served right now; try again in a moment.");
  }

  /** 409 {@code idempotency_key_reused}: the key went with another request (route or body) in the last 24 hours. */
  public static Problem reused() {
    return Problem.conflict("idempotency_key_reused", "This Idempotency-Key was used in the last 24 hours with another body"
        + " or on another route. Use a new key for a new request.");
  }
}
