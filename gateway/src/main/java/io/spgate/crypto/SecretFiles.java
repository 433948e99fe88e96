package io.spgate.crypto;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Files that hold secrets the gateway makes for itself (the embedded default's encryption key, the
 * embedded Postgres password): owner-only from the moment they exist, never written first and
 * restricted after, so no other user can open one in between. Blocking file I/O: call at start.
 */
public final class SecretFiles {

  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private SecretFiles() {}

  /** The file's content, trimmed; when it does not exist yet, it is made with {@code content} (its directories owner-only too). */
  public static String readOrCreate(Path file, Supplier<String> content) throws IOException {
    if (!Files.exists(file)) {
      Path directory = file.toAbsolutePath().getParent();
      Files.createDirectories(directory, OWNER_ONLY_DIRECTORY);
      Path draft = Files.createTempFile(directory, file.getFileName() + ".", ".new", OWNER_ONLY_FILE);
      try {
        Files.writeString(draft, content.get() + "\n");
        // Appears whole or not at all (a crash leaves no empty key file), and never over one made meanwhile.
        Files.createLink(file, draft);
      } catch (FileAlreadyExistsException madeMeanwhile) {
        // that one stands
      } finally {
        Files.delete(draft);
      }
    }
    return Files.readString(file).trim();
  }
}
