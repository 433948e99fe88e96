package io.spgate.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-256-GCM. Each ciphertext names the key that made it, so keys
 * can rotate: new secrets use the newest key, old ones still open until re-encrypted. The caller's
 * context (which row and column) is bound in as associated data, so a ciphertext copied into
 * another row does not open.
 */
public final class SecretBox {

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, SecretKeySpec> keys;
  private final String newestKeyId;

  /** An encrypted secret: the key id it was sealed with and {@code iv || ciphertext || tag}. */
  public record Sealed(String keyId, byte[] bytes) {}

  /** A named 256-bit key. */
  public record Key(String id, byte[] material) {
    public Key {
      if (material.length != 32) {
        throw new IllegalArgumentException("key " + id + " must be 32 bytes");
      }
    }
  }

  /** @param keys oldest first; the last one seals new secrets */
  public SecretBox(List<Key> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one encryption key is needed");
    }
    this.keys = new LinkedHashMap<>();
    keys.forEach(k -> this.keys.put(k.id(), new SecretKeySpec(k.material(), "AES")));
    this.newestKeyId = keys.get(keys.size() - 1).id();
  }

  public String newestKeyId() {
    return newestKeyId;
  }

  public Sealed seal(String plaintext, String context) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(newestKeyId), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(aad(newestKeyId, context));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return new Sealed(newestKeyId, ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  /** Opens a secret sealed for the same context; fails without revealing anything when it does not match. */
  public String open(Sealed sealed, String context) {
    SecretKeySpec key = keys.get(sealed.keyId());
    if (key == null) {
      throw new IllegalStateException("No encryption key '" + sealed.keyId() + "' is configured (SPGATE_ENCRYPTION_KEYS)");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.bytes(), 0, IV_BYTES));
      cipher.updateAAD(aad(sealed.keyId(), context));
      byte[] plain = cipher.doFinal(sealed.bytes(), IV_BYTES, sealed.bytes().length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("A secret sealed with key '" + sealed.keyId() + "' does not open for " + context);
    }
  }

  /** Re-seals under the newest key; a sealed secret already under it is returned as is. */
  public Sealed reseal(Sealed sealed, String context) {
    return sealed.keyId().equals(newestKeyId) ? sealed : seal(open(sealed, context), context);
  }

  /**
   * {@code data.keyId.signature}: tamper-evident text (OAuth states) that any instance can verify.
   * The data may not contain a dot; key ids may, so {@link #verify} reads data and signature (base64url)
   * from the two ends and the key id from between them.
   */
  public String sign(String data) {
    if (data.indexOf('.') >= 0) {
      throw new IllegalArgumentException("signed data may not contain '.'");
    }
    return data + "." + newestKeyId + "." + mac(newestKeyId, data);
  }

  /** The data a {@link #sign} produced, or empty when the signature does not hold. */
  public java.util.Optional<String> verify(String signed) {
    int dataEnd = signed == null ? -1 : signed.indexOf('.');
    int keyEnd = signed == null ? -1 : signed.lastIndexOf('.');
    if (dataEnd <= 0 || keyEnd <= dataEnd + 1) {
      return java.util.Optional.empty();
    }
    String data = signed.substring(0, dataEnd);
    String keyId = signed.substring(dataEnd + 1, keyEnd);
    if (!keys.containsKey(keyId)) {
      return java.util.Optional.empty();
    }
    boolean valid = java.security.MessageDigest.isEqual(mac(keyId, data).getBytes(StandardCharsets.US_ASCII),
        signed.substring(keyEnd + 1).getBytes(StandardCharsets.US_ASCII));
    return valid ? java.util.Optional.of(data) : java.util.Optional.empty();
  }

  private String mac(String keyId, String data) {
    try {
      // A signing key derived from the encryption key, so one key never serves two purposes.
      javax.crypto.Mac derive = javax.crypto.Mac.getInstance("HmacSHA256");
      derive.init(keys.get(keyId));
      byte[] signingKey = derive.doFinal("spgate:signing".getBytes(StandardCharsets.UTF_8));
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
      return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }

  private static byte[] aad(String keyId, String context) {
    return ("spgate:" + keyId + ":" + context).getBytes(StandardCharsets.UTF_8);
  }
}
