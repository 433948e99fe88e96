package io.spgate.http;

import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem: every error the gateway answers itself. {@code code} is the stable machine
 * code clients switch on; {@code type} is derived from it.
 */
public record Problem(int status, String code, String title, String detail) {

  public static final String CONTENT_TYPE = "application/problem+json";

  public String type() {
    return "urn:spgate:problem:" + code;
  }

  public JsonObject toJson(String requestId) {
    JsonObject json = new JsonObject()
        .put("type", type())
        .put("title", title)
        .put("status", status)
        .put("detail", detail)
        .put("code", code);
    if (requestId != null) {
      json.put("requestId", requestId);
    }
    return json;
  }

  public static Problem badRequest(String code, String detail) {
    return new Problem(400, code, "Bad request", detail);
  }

  public static Problem validation(String detail) {
    return new Problem(400, "validation_failed", "Invalid request", detail);
  }

  public static Problem unauthorized(String code, String detail) {
    return new Problem(401, code, "Unauthorized", detail);
  }

  public static Problem forbidden(String detail) {
    return new Problem(403, "insufficient_scope", "Forbidden", detail);
  }

  public static Problem notFound(String detail) {
    return new Problem(404, "not_found", "Not found", detail);
  }

  public static Problem conflict(String code, String detail) {
    return new Problem(409, code, "Conflict", detail);
  }

  public static Problem internal() {
    return new Problem(500, "internal_error", "Internal error",
        "The gateway failed to handle the request; the request id identifies it in the gateway's log.");
  }
}
