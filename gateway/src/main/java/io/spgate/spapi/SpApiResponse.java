package io.spgate.spapi;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;

/**
 * Amazon's answer to a call, with what the pipeline adds: the operation and how long the call
 * waited for its quota. The body is either still streaming from Amazon (paused until read) or,
 * for answers the pipeline had to look into (errors it considered retrying), already read.
 */
public final class SpApiResponse {

  private final Operation operation;
  private final int status;
  private final MultiMap headers;
  private final long quotaWaitMillis;
  private final Optional<HttpClientResponse> stream;
  private final Optional<Buffer> read;

  private SpApiResponse(Operation operation, int status, MultiMap headers, long quotaWaitMillis, Optional<HttpClientResponse> stream,
      Optional<Buffer> read) {
    this.operation = operation;
    this.status = status;
    this.headers = headers;
    this.quotaWaitMillis = quotaWaitMillis;
    this.stream = stream;
    this.read = read;
  }

  static SpApiResponse streaming(Operation operation, HttpClientResponse response, long quotaWaitMillis) {
    return new SpApiResponse(operation, response.statusCode(), response.headers(), quotaWaitMillis, Optional.of(response),
        Optional.empty());
  }

  static SpApiResponse read(Operation operation, HttpClientResponse response, Buffer body, long quotaWaitMillis) {
    return new SpApiResponse(operation, response.statusCode(), response.headers(), quotaWaitMillis, Optional.empty(),
        Optional.of(body));
  }

  public Operation operation() {
    return operation;
  }

  public int status() {
    return status;
  }

  public MultiMap headers() {
    return headers;
  }

  public long quotaWaitMillis() {
    return quotaWaitMillis;
  }

  /** The whole body, for answers that are small by nature (JSON of the gateway's own calls). */
  public Future<Buffer> body() {
    return read.map(Future::succeededFuture).orElseGet(() -> readWhole(stream.orElseThrow()));
  }

  /** Reads a paused response whole (body() alone would wait for a flow that never starts). */
  static Future<Buffer> readWhole(HttpClientResponse response) {
    Future<Buffer> body = response.body();
    response.resume();
    return body;
  }

  /** The answer with its whole body, for the gateway's own calls. */
  public Future<SpApiResult> whole() {
    return body().map(bytes -> new SpApiResult(operation, status, headers, bytes));
  }

  /**
   * Streams the body to the caller's response, with backpressure, and ends it. When either side
   * fails the response is left for the caller of this to cut, not ended as if complete (and Vert.x's
   * pipe, ending it on a write that failed at once, would then check it for room and throw).
   */
  public Future<Void> pipeTo(HttpServerResponse response) {
    return read.map(response::end).orElseGet(() -> stream.orElseThrow().pipe().endOnFailure(false).to(response));
  }
}
