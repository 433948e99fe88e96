package io.spgate.idempotency;

import io.spgate.http.ApiException;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;
import java.util.regex.Pattern;

/** The {@code Idempotency-Key} a caller sends so that a retried request does not act twice; one rule for every route. */
public record IdempotencyKey(String value) {

  public static final String HEADER = "Idempotency-Key";
  /** Printable ASCII, as Stripe's keys; a UUID fits. */
  private static final Pattern VALID = Pattern.compile("[\\x21-\\x7e]{1,255}");

  /** The request's key, if it sent one; a malformed one is a 400. */
  public static Optional<IdempotencyKey> of(HttpServerRequest request) {
    String value = request.getHeader(HEADER);
    if (value == null) {
      return Optional.empty();
    }
    if (!VALID.matcher(value).matches()) {
      throw new ApiException(IdempotencyProblems.malformed());
    }
    return Optional.of(new IdempotencyKey(value));
  }

  /** The request's key, where a route cannot go without one; {@code why} tells the caller what the key protects. */
  public static IdempotencyKey required(HttpServerRequest request, String why) {
    return of(request).orElseThrow(() -> new ApiException(IdempotencyProblems.required(why)));
  }
}
