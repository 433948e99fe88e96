package io.spgate.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** The client id and secret of one LWA application; {@link #toString()} never shows the secret. */
public record ClientCredentials(String clientId, String clientSecret) {

  /**
   * Names these credentials without revealing the secret (a truncated SHA-256), so what was fetched with
   * them (a grantless token) is never handed to an application that has the same id but other credentials,
   * as one added after a deleted one may.
   */
  public String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest((clientId + "\n" + clientSecret).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "ClientCredentials[" + clientId + "]";
  }
}
