package io.spgate.bench;

import java.nio.file.Path;
import java.util.Arrays;

/** {@code ops/bench <scenario> [flags]}: runs one benchmark scenario and prints its table and RESULT line. */
public final class Bench {

  private static final String USAGE = "usage: ops/bench tokens [--sellers 10000] [--instances 3] [--lifetime 60] [--lead 20]"
      + " [--lifetimes 3] [--rate 1000]"
      + "\n       ops/bench quota [--sellers 1000] [--instances 3] [--time-scale 20] [--seconds 90] [--load 3] [--burn 0]"
      + "\n       ops/bench decisions   (JMH: one quota decision, Redis and in process;"
      + " BENCH_JAVA_OPTS=-Dredis=URL[,URL...] for another Redis, or a cluster)"
      + "\n       ops/bench proxy [--paths direct,hop,spgate] [--connections 64] [--rounds 3] [--seconds 5] [--warmup 10]"
      + " [--warmup-max 120] [--sellers 8] [--rate 0] [--client-loops 2] [--redis URL]"
      + "\n       ops/bench reports [--size-mb 5000] [--marketplace DE] [--rounds 1] [--warmup-mb 500]"
      + "\n       ops/bench fanout [--sellers 1000] [--mix 950:40,50:1240] [--time-scale 1] [--feed-delays 30000,120000]"
      + " [--instances 3] [--gateway-heap 512m] [--format json|ndjson|csv] [--batches 10] [--poll-ms 1000] [--max-wait 1800] [--stall 300]"
      + "\n       ops/bench orders [--sellers 1000] [--instances 3] [--order-rate 10] [--seconds 180] [--time-scale 1] [--duplicates 0.2]"
      + " [--delay-ms 5000] [--drops 0.05] [--poll-every 3m] [--max-wait 900] [--gateway-heap 512m]"
      + "\n       ops/bench fairness [--b-rate 100] [--a-limit 50] [--flood 10] [--seconds 180] [--slice 1] [--warmup 20]"
      + "\n       ops/bench all [--only proxy,quota,...] [--out load-tests/RESULTS.md]   (every scenario, then RESULTS.md)";

  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help")) {
      System.out.println(USAGE);
      System.exit(args.length == 0 ? 2 : 0);
    }
    String[] flags = Arrays.copyOfRange(args, 1, args.length);
    try {
      switch (args[0]) {
        case "tokens" -> TokensBench.run(Flags.parse(flags));
        case "quota" -> QuotaBench.run(Flags.parse(flags));
        case "proxy" -> {
          if (!ProxyBench.run(Flags.parse(flags))) {
            System.exit(1);
          }
        }
        case "reports" -> {
          if (!ReportsBench.run(Flags.parse(flags))) {
            System.exit(1);
          }
        }
        case "fanout" -> {
          if (!FanoutBench.run(Flags.parse(flags))) {
            System.exit(1);
          }
        }
        case "orders" -> {
          if (!OrdersBench.run(Flags.parse(flags))) {
            System.exit(1);
          }
        }
        case "fairness" -> {
          if (!FairnessBench.run(Flags.parse(flags))) {
            System.exit(1);
          }
        }
        case "all" -> {
          if (!AllBenches.run(Flags.parse(flags), Path.of(System.getenv().getOrDefault("SPGATE_REPO", ".")))) {
            System.exit(1);
          }
        }
        // The forked JVM gets the Redis to use (-Dredis=URL, or a cluster's comma-separated seeds) from this one.
        case "decisions" -> org.openjdk.jmh.Main.main(new String[] {"QuotaDecisionBenchmark", "-f", "1", "-wi", "2", "-w", "3s", "-i", "3",
            "-r", "5s", "-jvmArgsAppend", "-Dredis=" + System.getProperty("redis", "redis://127.0.0.1:6379")});
        default -> {
          System.err.println("ops/bench: unknown scenario '" + args[0] + "'; " + USAGE);
          System.exit(2);
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println("ops/bench: " + e.getMessage() + "; " + USAGE);
      System.exit(2);
    }
    System.exit(0);
  }
}
