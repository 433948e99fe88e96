package io.spgate.spapi;

import io.spgate.http.UpstreamError;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * Amazon answered one of the gateway's own calls with an error (a typed client's call, or a
 * Restricted Data Token refused): whoever gets it answers the caller with Amazon's status, body
 * and x-amzn-RequestId.
 */
public final class SpApiException extends UpstreamError {

  private final SpApiResult result;

  public SpApiException(SpApiResult result) {
    super("SP-API answered " + result.status() + " " + result.amazonCode() + " to " + result.operation().operationId()
        + " (x-amzn-RequestId " + result.requestId() + ")");
    this.result = result;
  }

  /** Amazon's whole answer. */
  public SpApiResult result() {
    return result;
  }

  @Override
  public int status() {
    return result.status();
  }

  public String amazonCode() {
    return result.amazonCode();
  }

  @Override
  public MultiMap headers() {
    MultiMap forwarded = MultiMap.caseInsensitiveMultiMap();
    ForwardedHeaders.toCaller(result.headers(), forwarded);
    return forwarded;
  }

  @Override
  public Buffer body() {
    return result.body();
  }
}
