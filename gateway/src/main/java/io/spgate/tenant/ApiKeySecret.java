package io.spgate.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * An API key as the caller holds it: {@code spg_} and 32 random bytes. Only its SHA-256 hash is
 * stored; a fast hash is enough because the key carries 256 bits of entropy, unlike a password.
 */
public record ApiKeySecret(String value) {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PREFIX = "spg_";
  private static final int VISIBLE_PREFIX = 12;
  private static final MessageDigest SHA_256 = sha256();

  public static ApiKeySecret generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new ApiKeySecret(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** Every request's key is hashed to find its caller: cloning a digest skips the provider lookup of getInstance. */
  public byte[] hash() {
    try {
      return ((MessageDigest) SHA_256.clone()).digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first characters, enough for a person to tell keys apart in a list, useless to an attacker. */
  public String displayPrefix() {
    return value.substring(0, Math.min(VISIBLE_PREFIX, value.length()));
  }

  @Override
  public String toString() {
    return displayPrefix() + "…";
  }
}
