package io.spgate.spapi;

import io.spgate.api.ApiException;
import io.spgate.api.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** Amazon answered an internal call with an error; keeps Amazon's status, error code and request id. */
public final class SpApiException extends RuntimeException {

  private final int status;
  private final String amazonCode;
  private final String requestId;

  public SpApiException(HttpResponse<Buffer> response) {
    super("SP-API answered " + response.statusCode(), null, false, false);
    this.status = response.statusCode();
    this.requestId = response.getHeader("x-amzn-RequestId");
    String code = "unknown";
    try {
      JsonArray errors = response.bodyAsJsonObject().getJsonArray("errors");
      if (errors != null && !errors.isEmpty()) {
        code = ((JsonObject) errors.getValue(0)).getString("code", code);
      }
    } catch (RuntimeException e) {
      // not Amazon's error shape; "unknown" says so
    }
    this.amazonCode = code;
  }

  public int status() {
    return status;
  }

  public String amazonCode() {
    return amazonCode;
  }

  public ApiException toApiException() {
    return new ApiException(new Problem(502, "spapi_error", "Bad gateway",
        "SP-API answered " + status + " " + amazonCode + (requestId == null ? "" : " (x-amzn-RequestId " + requestId + ")") + "."));
  }
}
