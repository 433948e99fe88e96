package io.spgate.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import java.util.function.Consumer;

/** A small answer read whole (an error's body, a webhook receiver's reply), never more of it than a bound. */
public final class BoundedBody {

  private BoundedBody() {}

  /**
   * The body up to {@code limit} bytes. A longer one is cut there and {@code stop} ends its transfer (closing the
   * connection, or resetting the stream), rather than reading it to its end.
   */
  public static Future<Buffer> readAtMost(HttpClientResponse response, int limit, Consumer<HttpClientResponse> stop) {
    Promise<Buffer> read = Promise.promise();
    Buffer body = Buffer.buffer();
    response.exceptionHandler(read::tryFail);
    response.endHandler(v -> read.tryComplete(body));
    response.handler(chunk -> {
      if (body.length() + chunk.length() > limit) {
        body.appendBuffer(chunk, 0, limit - body.length());
        response.handler(null);
        response.endHandler(null);
        stop.accept(response);
        read.tryComplete(body);
      } else {
        body.appendBuffer(chunk);
      }
    });
    response.resume();
    return read.future();
  }
}
