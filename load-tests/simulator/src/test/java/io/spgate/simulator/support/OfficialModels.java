package io.spgate.simulator.support;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The official files in shared/sp-api-models, read from disk, as the reference the simulator is checked against. */
public final class OfficialModels {
  private OfficialModels() {}

  public static Path root() {
    Path root = Path.of(System.getProperty("spApiModels.dir", "../../../shared/sp-api-models"));
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException("official models not found at " + root.toAbsolutePath());
    }
    return root;
  }

  public static String read(String relative) {
    try {
      return Files.readString(root().resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonObject json(String relative) {
    return new JsonObject(read(relative));
  }
}
