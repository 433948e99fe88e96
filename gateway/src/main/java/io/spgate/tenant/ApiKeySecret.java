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
    return new ApiKeySecret(PREFIX + randomToken());
  }

  public byte[] hash() {
    return sha256(value);
  }

  /** 32 random bytes, base64url: an API key's body, or a console session's id. */
  static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** How secrets of 256 bits are stored and looked up; every request's is hashed, so a digest is cloned, not looked up again. */
  static byte[] sha256(String secret) {
    try {
      return ((MessageDigest) SHA_256.clone()).digest(secret.getBytes(StandardCharsets.UTF_8));
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
