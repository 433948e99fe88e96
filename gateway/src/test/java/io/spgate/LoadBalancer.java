package io.spgate;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends requests to gateway instances as a load balancer in front of them does: round robin over the instances in
 * rotation, on kept-alive connections. A request whose connection was refused was never taken: it is placed on
 * another instance. Every other failure is the caller's to count: the request was taken and not answered.
 */
public final class LoadBalancer implements AutoCloseable {

  /** An answer, and the instance (by its index) that gave it. */
  public record Answer(int status, int instance, Buffer body) {}

  /** One instance's API port, whether it is in rotation, the requests sent to it not yet written whole and not yet answered. */
  private static final class Instance {
    final int port;
    volatile boolean inRotation = true;
    final Set<Future<Void>> writing = ConcurrentHashMap.newKeySet();
    final AtomicInteger unanswered = new AtomicInteger();

    Instance(int port) {
      this.port = port;
    }
  }

  private static final int PLACEMENTS = 5;

  public final Vertx vertx = Vertx.vertx();
  private final HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
      new PoolOptions().setHttp1MaxSize(16));
  private final List<Instance> instances;
  private final AtomicInteger next = new AtomicInteger();

  public LoadBalancer(List<Integer> ports) {
    this.instances = ports.stream().map(Instance::new).toList();
  }

  /**
   * Takes the instance out of rotation, as a load balancer does once its readiness went DOWN; completes when every
   * request already sent to it was written whole, so that what it has to answer is on its side of the connection.
   */
  public Future<Void> remove(int instance) {
    Instance removed = instances.get(instance);
    removed.inRotation = false;
    return Future.join(List.copyOf(removed.writing)).mapEmpty();
  }

  /** Puts the instance back in rotation (its readiness is UP again). */
  public void add(int instance) {
    instances.get(instance).inRotation = true;
  }

  /** Requests sent to the instance that it has not answered yet. */
  public int unanswered(int instance) {
    return instances.get(instance).unanswered.get();
  }

  public Future<Answer> send(HttpMethod method, String uri, Map<String, String> headers, Buffer body) {
    return send(method, uri, headers, body, PLACEMENTS);
  }

  private Future<Answer> send(HttpMethod method, String uri, Map<String, String> headers, Buffer body, int placements) {
    int index = pick();
    if (index < 0) {
      return Future.failedFuture("no instance in rotation");
    }
    Instance instance = instances.get(index);
    Promise<Void> written = Promise.promise();
    instance.writing.add(written.future());
    written.future().onComplete(done -> instance.writing.remove(written.future()));
    instance.unanswered.incrementAndGet();
    return client.request(new RequestOptions().setHost("127.0.0.1").setPort(instance.port).setMethod(method).setURI(uri))
        .compose(request -> {
          headers.forEach(request::putHeader);
          (body == null ? request.end() : request.end(body)).onComplete(done -> written.tryComplete());
          return request.response().compose(response -> response.body().map(read -> new Answer(response.statusCode(), index, read)));
        })
        .onComplete(done -> {
          written.tryComplete();
          instance.unanswered.decrementAndGet();
        })
        .recover(failure -> {
          if (failure instanceof ConnectException && placements > 1) {
            return send(method, uri, headers, body, placements - 1);
          }
          return Future.failedFuture(failure);
        });
  }

  private int pick() {
    for (int tries = 0; tries < instances.size(); tries++) {
      int index = Math.floorMod(next.getAndIncrement(), instances.size());
      if (instances.get(index).inRotation) {
        return index;
      }
    }
    return -1;
  }

  @Override
  public void close() {
    TestPostgres.await(client.close());
    TestPostgres.await(vertx.close());
  }
}
