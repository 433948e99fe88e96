package io.spgate.lwa;

import java.time.Instant;
import java.util.Optional;

/** An access token from Login with Amazon and when it stops working. */
public record LwaToken(String accessToken, Instant expiresAt, Optional<String> refreshToken) {

  public boolean validAt(Instant now) {
    return now.isBefore(expiresAt);
  }

  @Override
  public String toString() {
    return "LwaToken[expiresAt=" + expiresAt + "]";
  }
}
