package io.spgate.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Work a handler ahead of the route does between the route's answer and the wire (the idempotency keys keep the answer
 * before it leaves, so a retry that follows it finds it). Vert.x hands no handler the bytes of an answer, so {@link Json}
 * passes its answers through the request's gate ({@link Json#gate}) and sends them once the gate's work is done.
 */
@FunctionalInterface
public interface AnswerGate {

  /**
   * Called with an answer about to be sent: its status and headers are set on the response, its body is given. The answer
   * leaves when the future completes, whether it succeeded or failed.
   */
  Future<Void> pass(HttpServerResponse response, Buffer body);
}
