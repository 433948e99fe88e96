package io.spgate.lwa;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** An access token from Login with Amazon: when it was issued and when it stops working. */
public record LwaToken(String accessToken, Instant issuedAt, Instant expiresAt, Optional<String> refreshToken) {

  public boolean validAt(Instant now) {
    return now.isBefore(expiresAt);
  }

  /** How long LWA (or the Tokens API) let it live. */
  public Duration lifetime() {
    return Duration.between(issuedAt, expiresAt);
  }

  @Override
  public String toString() {
    return "LwaToken[issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
  }
}
