package io.spgate.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every request the gateway serves, timed until its response ends (or its connection closes
 * first): {@code spgate_http_requests_seconds{route, operation, status}}, where route is
 * {@code sp-api} for the pass-through and {@code api} for the rest, operation is the SP-API
 * operationId the pass-through answered for ({@code none} otherwise), and status is 499 when the
 * caller hung up before its answer ended (nginx's convention); plus the requests in flight. They
 * stand in for Vert.x's HTTP server meters, which build tags and look up five
 * meters on every request, about 6 % of a pass-through call's CPU; here one small key finds one timer.
 */
public final class RequestMetrics {

  /** The SP-API operation a response answered, which the pass-through sets and the meters read. */
  public static final String OPERATION_HEADER = "X-Spgate-Operation";
  static final String NAME = "spgate.http.requests";
  private static final String NO_OPERATION = "none";
  static final int CALLER_HUNG_UP = 499;

  private final MeterRegistry registry;
  private final Map<Key, Timer> timers = new ConcurrentHashMap<>();
  private final LongAdder active = new LongAdder();

  private record Key(boolean spApi, String operation, int status) {}

  public RequestMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder(NAME + ".active", active, LongAdder::sum).description("Requests the gateway is serving now").register(registry);
  }

  /** Times a pass-through request, whose response the gateway writes itself. */
  public void time(HttpServerRequest request) {
    long start = System.nanoTime();
    HttpServerResponse response = request.response();
    active.increment();
    response.endHandler(ended -> record(true, response, start));
  }

  /**
   * Times a request the Router serves, as its first handler: Vert.x Web takes over the response's
   * end handler once a route adds end handlers, so this one goes through the routing context.
   */
  public void time(RoutingContext ctx) {
    long start = System.nanoTime();
    active.increment();
    ctx.addEndHandler(ended -> record(false, ctx.response(), start));
    ctx.next();
  }

  private void record(boolean spApi, HttpServerResponse response, long start) {
    active.decrement();
    String operation = response.headers().get(OPERATION_HEADER);
    int status = response.ended() ? response.getStatusCode() : CALLER_HUNG_UP;
    timer(new Key(spApi, operation == null ? NO_OPERATION : operation, status))
        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
  }

  /** Operations come from the models and statuses are three digits, so the keys stay few. */
  private Timer timer(Key key) {
    return timers.computeIfAbsent(key, k -> Timer.builder(NAME)
        .description("Requests the gateway served, by route, SP-API operation and status")
        .tags("route", k.spApi() ? "sp-api" : "api", "operation", k.operation(), "status", String.valueOf(k.status()))
        .register(registry));
  }
}
