package io.spgate.http;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * An error answer of a service the gateway called for the caller (Amazon's), which the caller gets
 * as it came: its status, its body and the headers that identify it, never a problem of the
 * gateway's own.
 */
public abstract class UpstreamError extends RuntimeException {

  protected UpstreamError(String message) {
    super(message, null, false, false);
  }

  public abstract int status();

  /** The headers the caller gets with the body: its content type, the service's request id. */
  public abstract MultiMap headers();

  public abstract Buffer body();
}
