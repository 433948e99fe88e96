package io.spgate.simulator;

import io.spgate.simulator.data.ListingsMix;
import java.nio.file.Path;
import java.util.List;

/** The flags of {@code ops/simulator}, parsed into options; a bad flag is an {@link IllegalArgumentException} with a one-line reason. */
final class CommandLine {
  static final String USAGE = """
      usage: ops/simulator [--port 9400] [--host 127.0.0.1] [--sellers 50] [--seed 42] [--time-scale 1] [--token-lifetime 3600]
                           [--fault-rate 0] [--listings 200 | --listings-mix SELLERS:LISTINGS,...] [--orders 100]
                           [--feed-delays QUEUE_MS,PROCESSING_MS] [--quotas on|off] [--event-loops N]
                           [--elasticmq] [--elasticmq-port N] [--sqs-endpoint URL] [--credentials-out FILE]
                           [--order-rate 0] [--notification-duplicates 0] [--notification-delay 0] [--notification-drops 0]
             ops/simulator --bench [--seconds 10] [--connections 64] [--runs 3]
        --listings-mix 950:40,50:2000   of each 1,000 sellers, 950 get 40 listings and 50 get 2,000 (picked by the seed;
                                        a third of listings are FBA whatever the mix)
        --feed-delays 2000,15000        a feed's time IN_QUEUE, then IN_PROGRESS, in ms before the time scale
        --order-rate 2.5                new orders per simulated second across all sellers, each then moving on
                                        (Pending, Unshipped, Shipped, or Canceled), every change an ORDER_CHANGE
        --notification-duplicates 0.1   share of notifications sent 2 to 10 times with the same NotificationId
        --notification-delay 5000       each notification delayed uniformly up to this many ms (before the time scale)
        --notification-drops 0.05       share of notifications never sent""";

  final SimulatorOptions options = new SimulatorOptions().port(9400);
  Path credentialsOut = Path.of(System.getProperty("java.io.tmpdir"), "spgate-simulator-credentials.json");
  boolean help;

  static CommandLine parse(List<String> args) {
    CommandLine cl = new CommandLine();
    for (int i = 0; i < args.size(); i++) {
      String flag = args.get(i);
      switch (flag) {
        case "-h", "--help" -> cl.help = true;
        case "--elasticmq" -> cl.options.elasticMq(true);
        default -> {
          if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(flag.startsWith("--") ? "missing value for " + flag : "unknown argument " + flag);
          }
          cl.set(flag, args.get(++i));
        }
      }
    }
    return cl;
  }

  private void set(String flag, String value) {
    switch (flag) {
      case "--port" -> options.port(intIn(flag, value, 0, 65535));
      case "--host" -> options.host(value);
      case "--sellers" -> options.sellers(intIn(flag, value, 1, 1_000_000));
      case "--seed" -> options.seed(longValue(flag, value));
      case "--time-scale" -> options.timeScale(positive(flag, value));
      case "--token-lifetime" -> options.tokenLifetimeSeconds(intIn(flag, value, 1, 86_400));
      case "--fault-rate" -> options.faultRate(fraction(flag, value));
      case "--listings" -> options.listingsPerSeller(intIn(flag, value, 0, 1_000_000));
      case "--listings-mix" -> {
        try {
          options.listingsMix(ListingsMix.parse(value));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--listings-mix: " + e.getMessage());
        }
      }
      case "--feed-delays" -> {
        String[] delays = value.split(",", -1);
        if (delays.length != 2) {
          throw new IllegalArgumentException("--feed-delays needs QUEUE_MS,PROCESSING_MS, got '" + value + "'");
        }
        options.feedDelays(intIn(flag, delays[0].trim(), 0, 86_400_000), intIn(flag, delays[1].trim(), 0, 86_400_000));
      }
      case "--orders" -> options.ordersPerSeller(intIn(flag, value, 0, 1_000_000));
      case "--order-rate" -> options.orderRate(atLeastZero(flag, value));
      case "--notification-duplicates" -> options.notificationTraps(fraction(flag, value), options.notificationMaxDelayMillis(),
          options.notificationDropRate());
      case "--notification-delay" -> options.notificationTraps(options.notificationDuplicateRate(), intIn(flag, value, 0, 86_400_000),
          options.notificationDropRate());
      case "--notification-drops" -> options.notificationTraps(options.notificationDuplicateRate(), options.notificationMaxDelayMillis(),
          fraction(flag, value));
      case "--event-loops" -> options.eventLoops(intIn(flag, value, 1, 256));
      case "--elasticmq-port" -> options.elasticMq(true).elasticMqPort(intIn(flag, value, 1, 65535));
      case "--sqs-endpoint" -> options.sqsEndpoint(value);
      case "--credentials-out" -> credentialsOut = Path.of(value);
      case "--quotas" -> {
        if (!value.equals("on") && !value.equals("off")) {
          throw new IllegalArgumentException("--quotas must be on or off, got '" + value + "'");
        }
        options.quotas(value.equals("on"));
      }
      default -> throw new IllegalArgumentException("unknown flag " + flag);
    }
  }

  private static int intIn(String flag, String value, int min, int max) {
    long v = longValue(flag, value);
    if (v < min || v > max) {
      throw new IllegalArgumentException(flag + " must be between " + min + " and " + max + ", got " + value);
    }
    return (int) v;
  }

  private static long longValue(String flag, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a whole number, got '" + value + "'");
    }
  }

  private static double positive(String flag, String value) {
    double v = number(flag, value);
    if (!(v > 0)) {
      throw new IllegalArgumentException(flag + " must be greater than 0, got " + value);
    }
    return v;
  }

  private static double atLeastZero(String flag, String value) {
    double v = number(flag, value);
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(flag + " must be 0 or more, got " + value);
    }
    return v;
  }

  private static double fraction(String flag, String value) {
    double v = number(flag, value);
    if (v < 0 || v > 1) {
      throw new IllegalArgumentException(flag + " must be between 0 and 1, got " + value);
    }
    return v;
  }

  private static double number(String flag, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a number, got '" + value + "'");
    }
  }
}
