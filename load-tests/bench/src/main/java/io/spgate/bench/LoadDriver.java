package io.spgate.bench;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;

/**
 * One event loop of the {@code ops/bench proxy} load generator, with its own connection pool per
 * path. It either keeps a number of calls in flight (closed loop: saturation) or sends calls at
 * set times (open loop: latency at a fixed rate, measured from each call's intended send time so
 * that a stall is charged to every call it delayed, not hidden by the generator waiting for it).
 * Every answer's status is checked; anything but 2xx is an error.
 */
final class LoadDriver extends VerticleBase {

  static final long REQUEST_TIMEOUT_MILLIS = 10_000;

  private final List<ProxyPath> paths;
  private final int connections;
  private final Map<String, HttpClient> clients = new HashMap<>();
  private final Map<String, List<RequestOptions>> requests = new HashMap<>();
  private int turn;

  /** {@code connections}: this driver's pool size per path, the most calls it has in flight on one path. */
  LoadDriver(List<ProxyPath> paths, int connections) {
    this.paths = paths;
    this.connections = connections;
  }

  @Override
  public Future<?> start() {
    for (ProxyPath path : paths) {
      clients.put(path.name(), vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
          new PoolOptions().setHttp1MaxSize(connections)));
      List<RequestOptions> calls = new ArrayList<>();
      for (ProxyPath.Call call : path.calls()) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(path.port())
            .setURI(call.uri()).setIdleTimeout(REQUEST_TIMEOUT_MILLIS);
        call.headers().forEach(options::putHeader);
        calls.add(options);
      }
      requests.put(path.name(), calls);
    }
    return Future.succeededFuture();
  }

  /** What one driver saw in one run. Latencies in microseconds. */
  static final class Tally {
    final Histogram latency = new Histogram(3);
    final Histogram sendLag = new Histogram(3);
    final Map<String, Long> errors = new TreeMap<>();
    long okInWindow;
    long okTotal;
    long windowNanos;

    long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    void add(Tally other) {
      latency.add(other.latency);
      sendLag.add(other.sendLag);
      other.errors.forEach((reason, n) -> errors.merge(reason, n, Long::sum));
      okInWindow += other.okInWindow;
      okTotal += other.okTotal;
      windowNanos = Math.max(windowNanos, other.windowNanos);
    }

    /** Records one answer; {@code inWindow} says whether it counts toward the measured figures. */
    void answer(AsyncResult<Integer> result, long latencyNanos, boolean inWindow) {
      if (result.succeeded() && result.result() / 100 == 2) {
        okTotal++;
        if (inWindow) {
          okInWindow++;
          latency.recordValue(Math.max(1, latencyNanos / 1000));
        }
        return;
      }
      String reason = result.succeeded() ? "HTTP " + result.result() : result.cause().getClass().getSimpleName();
      errors.merge(reason, 1L, Long::sum);
    }
  }

  /** One GET on {@code path}, for the next seller; answers the status once the body has arrived. */
  private Future<Integer> call(String path) {
    List<RequestOptions> calls = requests.get(path);
    RequestOptions options = calls.get(Math.floorMod(turn++, calls.size()));
    return clients.get(path).request(options)
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> response.statusCode()));
  }

  /** Sends each seller's call once, one after another; answers the failures ("seller call: HTTP 404 body…"). */
  Future<List<String>> probe(String path) {
    Promise<List<String>> done = Promise.promise();
    context.runOnContext(v -> probeFrom(path, 0, new ArrayList<>(), done));
    return done.future();
  }

  private void probeFrom(String path, int index, List<String> failures, Promise<List<String>> done) {
    List<RequestOptions> calls = requests.get(path);
    if (index == calls.size()) {
      done.complete(failures);
      return;
    }
    RequestOptions options = calls.get(index);
    clients.get(path).request(options)
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> {
          if (response.statusCode() / 100 != 2 || !body.toString().contains("marketplace")) {
            String text = body.toString();
            failures.add("GET " + options.getURI() + " answered " + response.statusCode() + ": "
                + (text.length() > 300 ? text.substring(0, 300) + "…" : text));
          }
          return null;
        }))
        .onComplete(result -> {
          if (result.failed()) {
            failures.add("GET " + options.getURI() + " failed: " + result.cause());
          }
          probeFrom(path, index + 1, failures, done);
        });
  }

  /**
   * Closed loop: {@code inFlight} callers, each sending its next call when the last is answered,
   * for {@code rampNanos} (not counted) and then {@code windowNanos} (counted by completion time).
   */
  Future<Tally> closedLoop(String path, int inFlight, long rampNanos, long windowNanos) {
    Promise<Tally> done = Promise.promise();
    context.runOnContext(v -> new ClosedLoop(path, inFlight, rampNanos, windowNanos, done).start());
    return done.future();
  }

  private final class ClosedLoop {
    private final String path;
    private final int callers;
    private final long windowStart;
    private final long windowEnd;
    private final Promise<Tally> done;
    private final Tally tally = new Tally();
    private int active;

    ClosedLoop(String path, int callers, long rampNanos, long windowNanos, Promise<Tally> done) {
      this.path = path;
      this.callers = callers;
      this.windowStart = System.nanoTime() + rampNanos;
      this.windowEnd = windowStart + windowNanos;
      this.done = done;
      tally.windowNanos = windowNanos;
    }

    void start() {
      active = callers;
      for (int i = 0; i < callers; i++) {
        next();
      }
    }

    private void next() {
      long sent = System.nanoTime();
      if (sent - windowEnd >= 0) {
        if (--active == 0) {
          done.complete(tally);
        }
        return;
      }
      call(path).onComplete(result -> {
        long answered = System.nanoTime();
        tally.answer(result, answered - sent, answered - windowStart >= 0 && answered - windowEnd < 0);
        if (result.succeeded()) {
          next();
        } else {
          // A refused connection can fail at once: go round the event loop rather than recurse.
          context.runOnContext(v -> next());
        }
      });
    }
  }

  /**
   * Open loop: calls due every {@code 1 / ratePerSecond} s from {@code offsetNanos} on, for
   * {@code rampNanos} (not counted) and then {@code windowNanos}. A call's latency runs from when
   * it was due, so time it spent waiting to be sent (timer, busy pool, stalled loop) counts.
   */
  Future<Tally> openLoop(String path, double ratePerSecond, long offsetNanos, long rampNanos, long windowNanos) {
    Tally tally = new Tally();
    tally.windowNanos = windowNanos;
    long origin = System.nanoTime() + offsetNanos;
    long windowStart = origin + rampNanos;
    return openLoop(path, ratePerSecond, origin, windowStart + windowNanos, tally, due -> due - windowStart >= 0 ? tally : null);
  }

  /**
   * Open loop from {@code origin} to {@code end} (System.nanoTime()), each call counted in the tally {@code counting} picks by
   * the time it was due; where it picks none, in {@code uncounted} without its latency (its status still checked). Answers
   * {@code uncounted} once every call was answered.
   */
  Future<Tally> openLoop(String path, double ratePerSecond, long origin, long end, Tally uncounted, LongFunction<Tally> counting) {
    Promise<Tally> done = Promise.promise();
    context.runOnContext(v -> new OpenLoop(path, ratePerSecond, origin, end, uncounted, counting, done).sendDue());
    return done.future();
  }

  private final class OpenLoop {
    private final String path;
    private final double periodNanos;
    private final long origin;
    private final long end;
    private final Tally uncounted;
    private final LongFunction<Tally> counting;
    private final Promise<Tally> done;
    private long sent;
    private int inFlight;
    private boolean scheduling = true;

    OpenLoop(String path, double ratePerSecond, long origin, long end, Tally uncounted, LongFunction<Tally> counting,
        Promise<Tally> done) {
      this.path = path;
      this.periodNanos = 1e9 / ratePerSecond;
      this.origin = origin;
      this.end = end;
      this.uncounted = uncounted;
      this.counting = counting;
      this.done = done;
    }

    /**
     * Sends every call whose time has come, then sleeps until the next one's: each call leaves at
     * its own time (to the timer's precision: microseconds on the native epoll transport), not in
     * bursts of a coarser tick, which would queue every path behind its own burst. A call's
     * lateness counts in its latency.
     */
    void sendDue() {
      long now = System.nanoTime();
      while (true) {
        long due = origin + (long) (sent * periodNanos);
        if (due - end >= 0) {
          scheduling = false;
          finishIfIdle();
          return;
        }
        if (due - now > 0) {
          vertx.timer(due - now, TimeUnit.NANOSECONDS).onSuccess(v -> sendDue());
          return;
        }
        sent++;
        inFlight++;
        Tally counted = counting.apply(due);
        if (counted != null) {
          counted.sendLag.recordValue(Math.max(1, (now - due) / 1000));
        }
        call(path).onComplete(result -> {
          inFlight--;
          (counted == null ? uncounted : counted).answer(result, System.nanoTime() - due, counted != null);
          finishIfIdle();
        });
      }
    }

    private void finishIfIdle() {
      if (!scheduling && inFlight == 0) {
        done.tryComplete(uncounted);
      }
    }
  }
}
