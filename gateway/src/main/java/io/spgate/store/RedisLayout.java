package io.spgate.store;

/** One Redis server (or primary), or a Redis Cluster: a command may then touch the keys of one hash slot only. */
public enum RedisLayout {
  SERVER,
  CLUSTER
}
