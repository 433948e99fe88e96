package io.spgate.spapi;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.streams.ReadStream;
import java.util.OptionalLong;

/**
 * What a call sends to Amazon: nothing, a small body held whole (which can be signed and sent
 * again on a retry), or a stream that goes through once, never held in memory.
 */
public sealed interface RequestBody {

  /** Bodies up to this size are held whole so that a call can be retried; larger ones stream. */
  int REPLAYABLE_LIMIT = 64 * 1024;

  RequestBody NONE = new Whole(Buffer.buffer());

  static RequestBody of(Buffer bytes) {
    return new Whole(bytes);
  }

  /** Whether the call can be sent again after a failed attempt. */
  boolean replayable();

  /** Sends the request with this body; answers Amazon's response. */
  Future<HttpClientResponse> sendWith(HttpClientRequest request);

  record Whole(Buffer bytes) implements RequestBody {
    @Override
    public boolean replayable() {
      return true;
    }

    @Override
    public Future<HttpClientResponse> sendWith(HttpClientRequest request) {
      return bytes.length() == 0 ? request.send() : request.send(bytes);
    }
  }

  /** A body streamed from the caller, with its length when the caller gave one. */
  final class Streamed implements RequestBody {
    private final ReadStream<Buffer> stream;
    private final OptionalLong length;
    private boolean sent;

    public Streamed(ReadStream<Buffer> stream, OptionalLong length) {
      this.stream = stream;
      this.length = length;
    }

    @Override
    public boolean replayable() {
      return !sent;
    }

    @Override
    public Future<HttpClientResponse> sendWith(HttpClientRequest request) {
      sent = true;
      length.ifPresentOrElse(n -> request.putHeader("content-length", Long.toString(n)), () -> request.setChunked(true));
      return request.send(stream);
    }
  }
}
