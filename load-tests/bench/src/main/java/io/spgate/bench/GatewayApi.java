package io.spgate.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The gateway instances' HTTP API as a bench calls it: by instance, with a tenant's or the admin's key. */
final class GatewayApi {
  /** Set-up calls a bench makes at once. */
  static final int CONCURRENCY = 32;

  final Vertx vertx;
  final WebClient web;
  final List<Integer> ports;

  GatewayApi(Vertx vertx, WebClient web, List<Integer> ports) {
    this.vertx = vertx;
    this.web = web;
    this.ports = ports;
  }

  Future<HttpResponse<Buffer>> call(String method, int instance, String uri, String key, Buffer body, String contentType) {
    return call(method, instance, uri, key, body, contentType, Map.of());
  }

  /**
   * One call, sent again after {@code Retry-After} when the gateway refused it at the tenant's own limits (429
   * tenant_concurrency_limit or tenant_rate_limit), as a well-behaved client does: set-up calls many at a time may meet them.
   */
  Future<HttpResponse<Buffer>> call(String method, int instance, String uri, String key, Buffer body, String contentType,
      Map<String, String> headers) {
    var request = web.request(io.vertx.core.http.HttpMethod.valueOf(method), ports.get(instance % ports.size()), "127.0.0.1", uri)
        .putHeader("Authorization", "Bearer " + key).timeout(TimeUnit.MINUTES.toMillis(5));
    headers.forEach(request::putHeader);
    Future<HttpResponse<Buffer>> sent = body == null ? request.send()
        : request.putHeader("Content-Type", contentType == null ? "application/json" : contentType).sendBuffer(body);
    return sent.compose(response -> {
      if (!tenantLimited(response)) {
        return Future.succeededFuture(response);
      }
      long wait = TimeUnit.SECONDS.toMillis(Long.parseLong(response.getHeader("Retry-After")));
      return vertx.timer(wait, TimeUnit.MILLISECONDS).compose(v -> call(method, instance, uri, key, body, contentType, headers));
    });
  }

  private static boolean tenantLimited(HttpResponse<Buffer> response) {
    return response.statusCode() == 429 && response.getHeader("Retry-After") != null
        && response.bodyAsString().contains("\"code\":\"tenant_");
  }

  HttpResponse<Buffer> send(String method, int instance, String uri, String key, Buffer body, String contentType) {
    return TokensBench.await(call(method, instance, uri, key, body, contentType));
  }

  /** {@code task} for every item, at most 32 at a time, the n-th through instance n mod instances; fails on the first failure. */
  <T> Future<Void> each(List<T> items, java.util.function.BiFunction<T, Integer, Future<?>> task) {
    Promise<Void> done = Promise.promise();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger running = new AtomicInteger();
    Runnable[] start = new Runnable[1];
    start[0] = () -> {
      while (running.get() < CONCURRENCY && !done.future().isComplete()) {
        int n = next.getAndIncrement();
        if (n >= items.size()) {
          if (running.get() == 0) {
            done.tryComplete();
          }
          return;
        }
        running.incrementAndGet();
        Future<?> f;
        try {
          f = task.apply(items.get(n), n);
        } catch (RuntimeException e) {
          f = Future.failedFuture(e);
        }
        f.onComplete(result -> {
          running.decrementAndGet();
          if (result.failed()) {
            done.tryFail(result.cause());
          } else {
            vertx.runOnContext(v -> start[0].run());
          }
        });
      }
    };
    vertx.runOnContext(v -> start[0].run());
    return done.future();
  }

  /** The simulator's applications under their own names ("main", "app-2", ...), with Amazon's rates (no overrides). */
  static Path applicationsFile(JsonArray applications, Path dir) throws IOException {
    JsonArray apps = new JsonArray();
    for (int i = 0; i < applications.size(); i++) {
      JsonObject app = applications.getJsonObject(i);
      apps.add(new JsonObject().put("id", i == 0 ? "main" : "app-" + (i + 1)).put("applicationId", app.getString("applicationId"))
          .put("clientId", app.getString("clientId")).put("clientSecret", app.getString("clientSecret")));
    }
    Path file = dir.resolve("applications.json");
    Files.writeString(file, apps.encode());
    return file;
  }

}
