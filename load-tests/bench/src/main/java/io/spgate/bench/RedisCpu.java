package io.spgate.bench;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * CPU time the Redis server the gateway decides quotas in has used so far: {@code INFO cpu}, user
 * plus system, in microseconds. Read over the protocol, so it is the server's own count wherever it runs.
 */
final class RedisCpu implements AutoCloseable {

  private final Redis redis;

  RedisCpu(Vertx vertx, String url) {
    this.redis = Redis.createClient(vertx, url);
  }

  /** Called on the bench's thread, never an event loop. */
  long nanos() {
    String info = TokensBench.await(redis.send(Request.cmd(Command.INFO).arg("cpu"))).toString();
    double seconds = 0;
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
        seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return Math.round(seconds * 1e9);
  }

  @Override
  public void close() {
    redis.close();
  }
}
