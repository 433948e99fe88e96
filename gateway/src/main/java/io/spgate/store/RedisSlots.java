package io.spgate.store;

import io.vertx.redis.client.impl.ZModem;

/** Redis Cluster's hash slots: which one a key lives in (CRC16 of the key, or of its {hash tag}, mod 16384). */
public final class RedisSlots {

  public static final int COUNT = 16_384;

  private RedisSlots() {}

  /**
   * The function the Vert.x cluster client routes commands by (an internal class of it, but the very
   * one): keys grouped by it are sent, together, to the node the client picks for them.
   */
  public static int of(String key) {
    return ZModem.generate(key);
  }
}
