package io.spgate.spapi;

import io.spgate.http.ApiException;
import io.spgate.http.Problem;

/** Amazon answered one of the gateway's own calls with an error; keeps Amazon's status, error code and request id. */
public final class SpApiException extends RuntimeException {

  private final SpApiResult result;

  public SpApiException(SpApiResult result) {
    super("SP-API answered " + result.status() + " to " + result.operation().operationId(), null, false, false);
    this.result = result;
  }

  /** Amazon's whole answer. */
  public SpApiResult result() {
    return result;
  }

  public int status() {
    return result.status();
  }

  public String amazonCode() {
    return result.amazonCode();
  }

  public ApiException toApiException() {
    String requestId = result.requestId();
    return new ApiException(new Problem(502, "spapi_error", "Bad gateway", "SP-API answered " + result.status() + " "
        + result.amazonCode() + " to " + result.operation().operationId()
        + (requestId == null ? "" : " (x-amzn-RequestId " + requestId + ")") + "."));
  }
}
