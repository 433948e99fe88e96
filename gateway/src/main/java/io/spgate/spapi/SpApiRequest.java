package io.spgate.spapi;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * One SP-API call as the gateway's features make it: method, concrete path, query, an optional
 * JSON body, and for restricted Orders calls the personal {@code dataElements} wanted.
 */
public record SpApiRequest(String method, String path, MultiMap query, Optional<Buffer> body, List<String> dataElements) {

  public static SpApiRequest get(String path) {
    return new SpApiRequest("GET", path, MultiMap.caseInsensitiveMultiMap(), Optional.empty(), List.of());
  }

  public static SpApiRequest post(String path, JsonObject body) {
    return new SpApiRequest("POST", path, MultiMap.caseInsensitiveMultiMap(), Optional.of(body.toBuffer()), List.of());
  }

  public static SpApiRequest patch(String path, JsonObject body) {
    return new SpApiRequest("PATCH", path, MultiMap.caseInsensitiveMultiMap(), Optional.of(body.toBuffer()), List.of());
  }

  public static SpApiRequest delete(String path) {
    return new SpApiRequest("DELETE", path, MultiMap.caseInsensitiveMultiMap(), Optional.empty(), List.of());
  }

  public SpApiRequest withQuery(String name, String value) {
    MultiMap copy = MultiMap.caseInsensitiveMultiMap().addAll(query).add(name, value);
    return new SpApiRequest(method, path, copy, body, dataElements);
  }

  public SpApiRequest withDataElements(List<String> elements) {
    return new SpApiRequest(method, path, query, body, List.copyOf(elements));
  }
}
