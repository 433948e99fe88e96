package io.spgate.simulator.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** SP-API's error body, {"errors":[{"code","message","details"}]}, with the codes and wording Amazon uses. */
public final class AmazonErrors {
  public static final String JSON = "application/json";

  private AmazonErrors() {}

  public static JsonObject body(String code, String message, String details) {
    return new JsonObject().put("errors",
        new JsonArray().add(new JsonObject().put("code", code).put("message", message).put("details", details)));
  }

  public static void send(HttpServerResponse response, int status, String code, String message, String details) {
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status).putHeader("content-type", JSON);
    String errorType = errorType(status);
    if (errorType != null) {
      response.putHeader("x-amzn-ErrorType", errorType);
    }
    response.end(body(code, message, details).toBuffer());
  }

  public static void invalidInput(HttpServerResponse response, String message) {
    send(response, 400, "InvalidInput", message, "");
  }

  public static void notFound(HttpServerResponse response, String message) {
    send(response, 404, "NotFound", message, "");
  }

  public static void unauthorized(HttpServerResponse response, String details) {
    send(response, 403, "Unauthorized", "Access to requested resource is denied.", details);
  }

  public static void quotaExceeded(HttpServerResponse response) {
    send(response, 429, "QuotaExceeded", "You exceeded your quota for the requested resource.", "");
  }

  public static void internalFailure(HttpServerResponse response) {
    send(response, 500, "InternalFailure", "We encountered an internal error. Please try again.", "");
  }

  public static void serviceUnavailable(HttpServerResponse response) {
    send(response, 503, "ServiceUnavailable", "Service temporarily unavailable. Please try again.", "");
  }

  private static String errorType(int status) {
    return switch (status) {
      case 400 -> "ValidationException";
      case 403 -> "AccessDeniedException";
      case 404 -> "ResourceNotFoundException";
      case 429 -> "ThrottlingException";
      case 500 -> "InternalFailure";
      case 503 -> "ServiceUnavailableException";
      default -> null;
    };
  }
}
