package io.spgate.idempotency;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;

/** A route's answer kept under an idempotency key: what a retry gets again, with {@code Idempotent-Replayed: true}. */
record KeptAnswer(int status, Optional<String> contentType, Optional<String> location, Buffer body) {

  static final String REPLAYED = "Idempotent-Replayed";

  /** The answer about to leave on this response; of its headers only these two mean the same on a retry. */
  static KeptAnswer of(HttpServerResponse response, Buffer body) {
    return new KeptAnswer(response.getStatusCode(), Optional.ofNullable(response.headers().get(HttpHeaders.CONTENT_TYPE)),
        Optional.ofNullable(response.headers().get(HttpHeaders.LOCATION)), body);
  }

  Future<Void> replay(HttpServerResponse response) {
    response.setStatusCode(status).putHeader(REPLAYED, "true");
    contentType.ifPresent(type -> response.putHeader(HttpHeaders.CONTENT_TYPE, type));
    location.ifPresent(where -> response.putHeader(HttpHeaders.LOCATION, where));
    return response.end(body);
  }
}
