package io.spgate.simulator.http;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Per caller (seller, or application for grantless calls) × operation: 2xx, 429 and other answers; and peak concurrency. */
public final class RequestStats {
  /** The caller recorded for calls refused before a token named one. */
  public static final String ANONYMOUS = "-";

  private final ConcurrentHashMap<String, ConcurrentHashMap<String, Counts>> counts = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxConcurrency = new AtomicInteger();

  static final class Counts {
    final LongAdder ok = new LongAdder();
    final LongAdder throttled = new LongAdder();
    final LongAdder other = new LongAdder();

    JsonObject toJson() {
      return new JsonObject().put("2xx", ok.sum()).put("429", throttled.sum()).put("other", other.sum());
    }
  }

  public void begin() {
    int now = inFlight.incrementAndGet();
    maxConcurrency.accumulateAndGet(now, Math::max);
  }

  public void end(String caller, String operationId, int status) {
    inFlight.decrementAndGet();
    Counts c = counts.computeIfAbsent(caller, k -> new ConcurrentHashMap<>()).computeIfAbsent(operationId, k -> new Counts());
    if (status >= 200 && status < 300) {
      c.ok.increment();
    } else if (status == 429) {
      c.throttled.increment();
    } else {
      c.other.increment();
    }
  }

  public long count(String caller, String operationId, String bucket) {
    Map<String, Counts> byOperation = counts.get(caller);
    Counts c = byOperation == null ? null : byOperation.get(operationId);
    if (c == null) {
      return 0;
    }
    return switch (bucket) {
      case "2xx" -> c.ok.sum();
      case "429" -> c.throttled.sum();
      default -> c.other.sum();
    };
  }

  public int maxConcurrency() {
    return maxConcurrency.get();
  }

  public void reset() {
    counts.clear();
    maxConcurrency.set(inFlight.get());
  }

  public JsonObject toJson() {
    JsonObject sellers = new JsonObject();
    counts.forEach((caller, ops) -> {
      JsonObject byOp = new JsonObject();
      ops.forEach((op, c) -> byOp.put(op, c.toJson()));
      sellers.put(caller, byOp);
    });
    return new JsonObject().put("sellers", sellers).put("maxConcurrency", maxConcurrency.get()).put("inFlight", inFlight.get());
  }
}
