package io.spgate.config;

import io.spgate.crypto.SecretBox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

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
    if (!config.embeddedPostgres()) {
      throw new ConfigException(GatewayConfig.ENCRYPTION_KEYS.key() + " is empty; expected "
          + GatewayConfig.ENCRYPTION_KEYS.expected().replace(", or empty", "") + " whenever SPGATE_PG_URL is set");
    }
    Path file = config.dataDir().resolve(FILE_NAME);
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(config.dataDir());
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        Files.writeString(file, "local1:" + Base64.getEncoder().encodeToString(material) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      }
      String raw = Files.readString(file).trim();
      return new SecretBox(io.spgate.config.ConfigLoader.load(null, Map.of(GatewayConfig.ENCRYPTION_KEYS.key(), raw))
          .encryptionKeys());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create " + file, e);
    }
  }

}
