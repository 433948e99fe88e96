package io.spgate.config;

import io.spgate.crypto.SecretBox;
import io.spgate.crypto.SecretFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Where the keys for secrets at rest come from: SPGATE_ENCRYPTION_KEYS, or for the embedded
 * default a key file made once beside the embedded database (so a fresh checkout just works, and
 * a copied database without that file stays sealed). Blocking file I/O: call at start.
 */
public final class EncryptionKeys {

  static final String FILE_NAME = "encryption-keys";

  private EncryptionKeys() {}

  public static SecretBox resolve(GatewayConfig config) {
    if (!config.encryptionKeys().isEmpty()) {
      return new SecretBox(config.encryptionKeys());
    }
    String expected = GatewayConfig.ENCRYPTION_KEYS.expected().replace(", or empty", "");
    if (!config.embeddedPostgres()) {
      throw new ConfigException(GatewayConfig.ENCRYPTION_KEYS.key() + " is empty; expected " + expected
          + " whenever SPGATE_PG_URL is set");
    }
    Path file = config.dataDir().resolve(FILE_NAME);
    String raw;
    try {
      raw = SecretFiles.readOrCreate(file, EncryptionKeys::newKey);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create " + file, e);
    }
    List<SecretBox.Key> keys;
    try {
      keys = GatewayConfig.ENCRYPTION_KEYS.parser().parse(raw);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file + " " + e.getMessage() + "; expected " + expected);
    }
    if (keys.isEmpty()) {
      throw new ConfigException(file + " is empty; expected " + expected);
    }
    return new SecretBox(keys);
  }

  private static String newKey() {
    byte[] material = new byte[32];
    new SecureRandom().nextBytes(material);
    return "local1:" + Base64.getEncoder().encodeToString(material);
  }
}
