package io.spgate.spapi;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Amazon's whole answer to one of the gateway's own calls (small JSON by nature). */
public record SpApiResult(Operation operation, int status, MultiMap headers, Buffer body) {

  public boolean successful() {
    return status >= 200 && status < 300;
  }

  public JsonObject json() {
    return new JsonObject(body);
  }

  public String requestId() {
    return headers.get("x-amzn-RequestId");
  }

  /** The code of Amazon's error body ({@code {"errors":[{"code",...}]}}), or "unknown". */
  public String amazonCode() {
    try {
      JsonArray errors = json().getJsonArray("errors");
      return errors == null || errors.isEmpty() ? "unknown" : ((JsonObject) errors.getValue(0)).getString("code", "unknown");
    } catch (RuntimeException e) {
      return "unknown";
    }
  }
}
