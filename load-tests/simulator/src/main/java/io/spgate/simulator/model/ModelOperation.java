package io.spgate.simulator.model;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One operation of an official model: method, path template, parameters (path-level ones merged in) and the body
 * schema, with the model document kept for resolving {@code #/definitions} references.
 */
public record ModelOperation(
    String api, String operationId, String method, String path, List<JsonObject> parameters, JsonObject bodySchema, JsonObject responses,
    JsonObject document) {

  public String key() {
    return key(api, operationId);
  }

  public static String key(String api, String operationId) {
    return api + "." + operationId;
  }

  /** The Vert.x Web form of the path: {orderId} becomes :orderId. */
  public String routePath() {
    return path.replaceAll("\\{([^}]+)}", ":$1");
  }

  /** The schema of a response status, or null where the model declares none (e.g. 204). */
  public JsonObject responseSchema(int status) {
    JsonObject response = responses.getJsonObject(Integer.toString(status));
    return response == null ? null : response.getJsonObject("schema");
  }
}
