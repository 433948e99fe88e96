package io.spgate.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} flags of a scenario, with defaults and range checks. */
final class Flags {

  private final Map<String, String> values;

  private Flags(Map<String, String> values) {
    this.values = values;
  }

  static Flags parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --flag value pairs, got '" + args[i] + "'");
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
    return new Flags(values);
  }

  int integer(String name, int fallback, int min, int max) {
    String raw = values.remove(name);
    if (raw == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--" + name + " must be a whole number " + min + "-" + max + ", got '" + raw + "'");
  }

  /** A number from {@code min} to {@code max}; {@code aboveMin} leaves {@code min} itself out (a time scale above 0). */
  double number(String name, double fallback, double min, boolean aboveMin, double max) {
    String raw = values.remove(name);
    if (raw == null) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(raw);
      if ((aboveMin ? value > min : value >= min) && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--" + name + " must be a number " + (aboveMin ? "above " : "from ") + plain(min) + " to "
        + plain(max) + ", got '" + raw + "'");
  }

  /** A number as a flag is written: 20 rather than 20.0. */
  static String plain(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  String text(String name, String fallback) {
    String raw = values.remove(name);
    return raw == null ? fallback : raw;
  }

  /** {@code --pg}: the Postgres server the benchmark's throwaway databases go on. */
  String pgServer() {
    return text("pg", System.getenv().getOrDefault("SPGATE_TEST_PG", "postgresql://postgres@127.0.0.1:5432"));
  }

  /** {@code --redis}: the Redis the gateway instances share. */
  String redis() {
    return text("redis", "redis://127.0.0.1:6379");
  }

  /** Fails on any flag the scenario did not read: most likely a typo. */
  void requireAllRead() {
    if (!values.isEmpty()) {
      throw new IllegalArgumentException("unknown flag(s) " + values.keySet());
    }
  }
}
