package io.spgate.bench;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

/** The simulator's {@code /_sim/stats}: what it answered each seller's calls, by operation, between two readings. */
final class SimulatorStats {

  private SimulatorStats() {}

  static JsonObject read(WebClient web, URI simulator) {
    return TokensBench.await(web.get(simulator.getPort(), "127.0.0.1", "/_sim/stats").send()).bodyAsJsonObject();
  }

  /** SP-API calls by operation between two readings, over every seller: {2xx, 429, other}; operations not called are left out. */
  static Map<String, long[]> calls(JsonObject before, JsonObject after) {
    Map<String, long[]> calls = new TreeMap<>();
    JsonObject was = before.getJsonObject("sellers", new JsonObject());
    JsonObject now = after.getJsonObject("sellers", new JsonObject());
    for (String seller : now.fieldNames()) {
      JsonObject ops = now.getJsonObject(seller);
      JsonObject opsBefore = was.getJsonObject(seller, new JsonObject());
      for (String op : ops.fieldNames()) {
        JsonObject c = ops.getJsonObject(op);
        JsonObject b = opsBefore.getJsonObject(op, new JsonObject());
        long[] sum = calls.computeIfAbsent(op, k -> new long[3]);
        sum[0] += c.getLong("2xx", 0L) - b.getLong("2xx", 0L);
        sum[1] += c.getLong("429", 0L) - b.getLong("429", 0L);
        sum[2] += c.getLong("other", 0L) - b.getLong("other", 0L);
      }
    }
    calls.values().removeIf(c -> c[0] == 0 && c[1] == 0 && c[2] == 0);
    return calls;
  }

  /** "operation 2xx / 429 / other, ..." */
  static String describe(Map<String, long[]> calls) {
    StringBuilder text = new StringBuilder();
    calls.forEach((op, c) -> text.append(text.length() == 0 ? "" : ", ").append(op).append(' ').append(c[0]).append(" / ").append(c[1])
        .append(" / ").append(c[2]));
    return text.length() == 0 ? "none" : text.toString();
  }
}
