package io.spgate;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The bundled openapi.json as tests read it: the document, and its operations keyed "METHOD /path". */
final class OpenApiDocument {

  static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private OpenApiDocument() {}

  static JsonObject load() {
    try {
      return OpenApiRoutes.read().toJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, JsonObject> operations(JsonObject document) {
    Map<String, JsonObject> operations = new LinkedHashMap<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String key : item.fieldNames()) {
        if (HTTP_METHODS.contains(key)) {
          operations.put(key.toUpperCase(Locale.ROOT) + " " + path, item.getJsonObject(key));
        }
      }
    }
    return operations;
  }
}
