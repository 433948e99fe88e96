package io.spgate.simulator.model;

import io.vertx.core.json.JsonObject;

/** Resolves the local references ({@code #/definitions/X}, {@code #/parameters/Y}) of a Swagger 2.0 document. */
public final class SchemaRefs {
  private SchemaRefs() {}

  public static JsonObject resolve(JsonObject document, JsonObject node) {
    JsonObject current = node;
    // A chain of references (A -> B -> schema) is legal; bound it so a cycle cannot hang a request.
    for (int depth = 0; current != null && current.containsKey("$ref") && depth < 32; depth++) {
      current = pointer(document, current.getString("$ref"));
    }
    return current;
  }

  private static JsonObject pointer(JsonObject document, String ref) {
    if (!ref.startsWith("#/")) {
      throw new IllegalArgumentException("only local references are supported: " + ref);
    }
    Object node = document;
    for (String part : ref.substring(2).split("/")) {
      node = ((JsonObject) node).getValue(part.replace("~1", "/").replace("~0", "~"));
    }
    return (JsonObject) node;
  }
}
