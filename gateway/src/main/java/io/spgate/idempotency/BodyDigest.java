package io.spgate.idempotency;

import io.vertx.core.buffer.Buffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 of a request's body, which tells a retry (the same body) from another request under the same
 * {@code Idempotency-Key}: taken whole, or chunk by chunk while a body streams.
 */
public final class BodyDigest {

  private final MessageDigest digest;

  public BodyDigest() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  /** The hash of a whole body; no body hashes as an empty one. */
  public static byte[] of(Buffer body) {
    BodyDigest digest = new BodyDigest();
    if (body != null) {
      digest.update(body);
    }
    return digest.sha256();
  }

  /** Whether two bodies' hashes are the same. */
  public static boolean same(byte[] one, byte[] other) {
    return MessageDigest.isEqual(one, other);
  }

  public void update(Buffer chunk) {
    digest.update(chunk.getBytes());
  }

  /** The hash of what was given so far; the digest starts over after it. */
  public byte[] sha256() {
    return digest.digest();
  }
}
