package io.spgate.webhooks;

import static io.spgate.TestPostgres.await;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A tenant's webhook receiver on 127.0.0.1: answers with the status it is set to (or not at all) and keeps what it got. */
final class WebhookReceiver implements AutoCloseable {

  /** Set as the status: the receiver takes the request and never answers. */
  static final int SILENT = 0;

  /** A request as received, and what it was answered. */
  record Received(MultiMap headers, Buffer body, int answeredWith) {
    JsonObject event() {
      return body.toJsonObject();
    }

    String eventId() {
      return headers.get("Spgate-Event-Id");
    }
  }

  private final HttpServer server;
  private final AtomicInteger status = new AtomicInteger(200);
  private final java.util.concurrent.atomic.AtomicReference<String> body = new java.util.concurrent.atomic.AtomicReference<>("ok");
  private final List<Received> received = new CopyOnWriteArrayList<>();

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  static WebhookReceiver start(Vertx vertx) {
    WebhookReceiver[] self = new WebhookReceiver[1];
    HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      int answer = self[0].status.get();
      self[0].received.add(new Received(MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body, answer));
      if (answer != SILENT) {
        request.response().setStatusCode(answer).end(answer == 200 ? self[0].body.get() : "receiver is down");
      }
    }));
    self[0] = new WebhookReceiver(server);
    await(server.listen(0, "127.0.0.1"));
    return self[0];
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  void answer(int statusCode) {
    status.set(statusCode);
  }

  /** What a 200 says. */
  void answerWith(String text) {
    body.set(text);
  }

  List<Received> received() {
    return new ArrayList<>(received);
  }

  List<Received> delivered() {
    return received.stream().filter(r -> r.answeredWith() >= 200 && r.answeredWith() < 300).toList();
  }

  @Override
  public void close() {
    await(server.close());
  }
}
