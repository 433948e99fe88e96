package io.spgate;

import static io.spgate.TestPostgres.await;

import io.spgate.store.RedisSlots;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A Redis Cluster of a test's own: three masters, each with one replica, redis-server processes on
 * free loopback ports without persistence, in a temporary directory of their own (nodes.conf). A
 * master can be killed; its replica is promoted within a few seconds (a node timeout of one second).
 * Masters that lose their replica's slots keep serving their own (cluster-require-full-coverage no,
 * as the README asks of a production cluster).
 */
public final class TestRedisCluster implements AutoCloseable {

  private static final int NODES = 6;
  private static final int BUS_PORT_OFFSET = 10_000;
  private static final int NODE_TIMEOUT_MILLIS = 1_000;
  private static final int POLLS = 600;
  private static final long POLL_EVERY_MILLIS = 50;
  private static TestRedisCluster shared;

  private final Vertx vertx;
  private final Path dir;
  private final Map<Integer, Process> nodes = new LinkedHashMap<>();
  private final Map<Integer, Redis> probes = new LinkedHashMap<>();

  private TestRedisCluster(Vertx vertx, Path dir) {
    this.vertx = vertx;
    this.dir = dir;
  }

  /** Starts one and returns once every node agrees the cluster is up, every slot served and every replica in sync. */
  public static TestRedisCluster start(Vertx vertx) {
    TestRedisCluster cluster;
    try {
      cluster = new TestRedisCluster(vertx, Files.createTempDirectory("spgate-redis-cluster"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      cluster.create();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * One cluster for the test classes that only read and write keys (no node killed), started on
   * first use and stopped when the test JVM exits: each of them would otherwise pay for its start.
   */
  public static synchronized TestRedisCluster shared() {
    if (shared == null) {
      Vertx own = Vertx.vertx();
      shared = start(own);
      TestRedisCluster started = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        started.close();
        own.close();
      }));
    }
    return shared;
  }

  /** The seed URLs of every node, comma-separated, as SPGATE_REDIS_URL takes a cluster. */
  public String url() {
    return String.join(",", urls());
  }

  public List<String> urls() {
    return nodes.keySet().stream().map(TestRedisCluster::url).toList();
  }

  /** The port of the master that serves {@code key}'s hash slot now. */
  public int masterOf(String key) {
    int slot = RedisSlots.of(key);
    for (Response range : await(liveProbe().send(Request.cmd(Command.CLUSTER).arg("SLOTS")))) {
      if (range.get(0).toInteger() <= slot && slot <= range.get(1).toInteger()) {
        return range.get(2).get(1).toInteger();
      }
    }
    throw new IllegalStateException("no master serves slot " + slot);
  }

  /** The ports of the masters. */
  public List<Integer> masters() {
    List<Integer> masters = new ArrayList<>();
    for (Response range : await(liveProbe().send(Request.cmd(Command.CLUSTER).arg("SLOTS")))) {
      int master = range.get(2).get(1).toInteger();
      if (!masters.contains(master)) {
        masters.add(master);
      }
    }
    return masters;
  }

  /** SIGKILL to the node on {@code port}: gone at once, with everything it held. */
  public void kill(int port) throws InterruptedException {
    Process node = nodes.get(port);
    node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    probes.remove(port).close();
  }

  /** Returns once the live nodes serve every slot again, a replica promoted in the killed master's place. */
  public void awaitPromotion() {
    await(untilEveryNode(this::servesEverySlotWithLiveMasters, "every slot served by a live master"));
  }

  /** Runs a keyless command (SCRIPT FLUSH) on every live node. */
  public void onEveryNode(Request command) {
    await(Future.all(probes.values().stream().map(probe -> probe.send(command)).toList()));
  }

  @Override
  public void close() {
    probes.values().forEach(Redis::close);
    nodes.values().forEach(Process::destroyForcibly);
    for (Process node : nodes.values()) {
      try {
        node.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void create() {
    for (int i = 0; i < NODES; i++) {
      int port = freePort();
      nodes.put(port, startNode(port));
      probes.put(port, Redis.createClient(vertx, new RedisOptions().setConnectionString(url(port))));
    }
    await(untilEveryNode(probe -> probe.send(Request.cmd(Command.PING)).map(true), "every node answering"));
    List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    nodes.keySet().forEach(port -> create.add("127.0.0.1:" + port));
    create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
    run(create);
    await(untilEveryNode(probe -> info(probe, Request.cmd(Command.CLUSTER).arg("INFO")).map(info -> info.contains("cluster_state:ok")
        && info.contains("cluster_slots_ok:16384") && info.contains("cluster_known_nodes:" + NODES)), "cluster_state:ok"));
    // A replica not yet in sync with its master would not be promoted when the master is killed.
    await(untilEveryNode(probe -> info(probe, Request.cmd(Command.INFO).arg("replication")).map(info -> info.contains("role:master")
        || info.contains("master_link_status:up")), "replicas in sync"));
  }

  private Process startNode(int port) {
    try {
      return new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
          "--dir", dir.toString(), "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
          "--cluster-node-timeout", String.valueOf(NODE_TIMEOUT_MILLIS), "--cluster-require-full-coverage", "no")
          .redirectErrorStream(true).redirectOutput(dir.resolve("node-" + port + ".log").toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Future<Boolean> servesEverySlotWithLiveMasters(Redis probe) {
    return probe.send(Request.cmd(Command.CLUSTER).arg("SLOTS")).map(ranges -> {
      int served = 0;
      for (Response range : ranges) {
        if (!probes.containsKey(range.get(2).get(1).toInteger())) {
          return false;
        }
        served += range.get(1).toInteger() - range.get(0).toInteger() + 1;
      }
      return served == RedisSlots.COUNT;
    });
  }

  /** Polls every live node until {@code holds} answers true on each. */
  private Future<Void> untilEveryNode(Function<Redis, Future<Boolean>> holds, String what) {
    return until(() -> Future.all(probes.values().stream().map(probe -> holds.apply(probe).otherwise(false)).toList())
        .map(all -> all.<Boolean>list().stream().allMatch(Predicate.isEqual(true))), what, POLLS);
  }

  private Future<Void> until(Supplier<Future<Boolean>> check, String what, int triesLeft) {
    return check.get().compose(reached -> {
      if (reached) {
        return Future.succeededFuture();
      }
      if (triesLeft == 0) {
        return Future.failedFuture(new IllegalStateException("Redis Cluster: no " + what + " after "
            + POLLS * POLL_EVERY_MILLIS + " ms; node logs in " + dir));
      }
      Promise<Void> next = Promise.promise();
      vertx.setTimer(POLL_EVERY_MILLIS, id -> until(check, what, triesLeft - 1).onComplete(next));
      return next.future();
    });
  }

  private Redis liveProbe() {
    return probes.values().iterator().next();
  }

  private static Future<String> info(Redis probe, Request command) {
    return probe.send(command).map(Response::toString);
  }

  private void run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String url(int port) {
    return "redis://127.0.0.1:" + port;
  }

  /** A port free with its cluster bus port (10000 above it), both below 65536: an ephemeral port's bus port may not be. */
  private static int freePort() {
    for (int tries = 0; tries < 100; tries++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
      if (free(port) && free(port + BUS_PORT_OFFSET)) {
        return port;
      }
    }
    throw new IllegalStateException("no free pair of ports for a Redis Cluster node");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
