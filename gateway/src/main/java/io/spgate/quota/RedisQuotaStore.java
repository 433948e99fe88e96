package io.spgate.quota;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Buckets in Redis: one Lua script per decision, clocked by Redis {@code TIME}. Scripts go by
 * {@code EVALSHA}; a {@code NOSCRIPT} answer (a restarted Redis, another cluster node) falls back
 * to {@code EVAL}, which also loads the script.
 */
public final class RedisQuotaStore implements QuotaStore {

  /** The Lua scripts, read from the class path once, off the event loop ({@link #bundled()}). */
  public record Scripts(Script gcra, Script drain, Script announce, Script state) {
    public static Scripts bundled() {
      return new Scripts(Script.load("quota/gcra.lua"), Script.load("quota/drain.lua"), Script.load("quota/announce.lua"),
          Script.load("quota/state.lua"));
    }
  }

  private final Redis redis;
  private final Scripts scripts;

  public RedisQuotaStore(Redis redis, Scripts scripts) {
    this.redis = redis;
    this.scripts = scripts;
  }

  @Override
  public Future<Decision> decide(String key, double intervalMillis, int burst, long maxWaitMillis, Lane lane) {
    return run(scripts.gcra(), 3, key, urgentMarker(key), announcedRate(key), String.valueOf(intervalMillis), String.valueOf(burst),
        String.valueOf(maxWaitMillis), lane.value(), String.valueOf(QuotaStore.bulkReserve(burst)),
        String.valueOf(QuotaGate.URGENT_WINDOW.toMillis()))
        .map(answer -> new Decision(answer.get(0).toInteger() == 1, answer.get(1).toLong()));
  }

  @Override
  public Future<Void> drain(String key, double intervalMillis, int burst) {
    return run(scripts.drain(), 2, key, announcedRate(key), String.valueOf(intervalMillis), String.valueOf(burst)).mapEmpty();
  }

  @Override
  public Future<Void> announceRate(String key, double intervalMillis, double ratePerSecond) {
    return run(scripts.announce(), 2, key, announcedRate(key), String.valueOf(intervalMillis), String.valueOf(ratePerSecond),
        String.valueOf(QuotaGate.ANNOUNCED_RATE_TTL.toMillis())).mapEmpty();
  }

  @Override
  public Future<State> state(String key, double intervalMillis, int burst) {
    return run(scripts.state(), 2, key, announcedRate(key), String.valueOf(intervalMillis), String.valueOf(burst))
        .map(answer -> new State(Double.parseDouble(answer.get(0).toString()), Double.parseDouble(answer.get(1).toString())));
  }

  /** SCAN, never KEYS: a seller's buckets share its hash tag, and Redis keeps serving while we look. */
  @Override
  public Future<java.util.List<String>> keys(String prefix) {
    return scan(prefix, "0", new java.util.ArrayList<>());
  }

  private Future<java.util.List<String>> scan(String prefix, String cursor, java.util.List<String> found) {
    return redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(prefix.replace("[", "\\[") + "*").arg("COUNT").arg(1000))
        .compose(answer -> {
          answer.get(1).forEach(k -> {
            String key = k.toString();
            if (!key.endsWith(":urgent") && !key.endsWith(":rate")) {
              found.add(key);
            }
          });
          String next = answer.get(0).toString();
          return next.equals("0") ? Future.succeededFuture(found) : scan(prefix, next, found);
        });
  }

  private Future<Response> run(Script script, int keys, String... args) {
    Request evalsha = Request.cmd(Command.EVALSHA).arg(script.sha()).arg(keys);
    Request eval = Request.cmd(Command.EVAL).arg(script.source()).arg(keys);
    for (String arg : args) {
      evalsha.arg(arg);
      eval.arg(arg);
    }
    return redis.send(evalsha).recover(e -> e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT")
        ? redis.send(eval) : Future.failedFuture(e));
  }

  /** Same hash tag as the bucket, so a bucket's keys live in one cluster slot. */
  private static String urgentMarker(String key) {
    return key + ":urgent";
  }

  private static String announcedRate(String key) {
    return key + ":rate";
  }

  record Script(String source, String sha) {
    static Script load(String resource) {
      try (InputStream in = RedisQuotaStore.class.getClassLoader().getResourceAsStream(resource)) {
        String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Script(source, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
