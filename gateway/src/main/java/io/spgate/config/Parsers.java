package io.spgate.config;

import io.spgate.logging.LogFormat;
import io.spgate.quota.Rate;
import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The value forms configuration keys accept. Each parser throws with a short reason. */
final class Parsers {

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?", Pattern.CASE_INSENSITIVE);

  private Parsers() {}

  static Setting.Parser<Integer> intRange(int min, int max) {
    return raw -> {
      int value;
      try {
        value = Integer.parseInt(raw);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("is not a whole number");
      }
      if (value < min || value > max) {
        throw new IllegalArgumentException("is out of range");
      }
      return value;
    };
  }

  /** A whole number from {@code min} to {@code max}, or empty. */
  static Setting.Parser<Optional<Integer>> optionalIntRange(int min, int max) {
    Setting.Parser<Integer> number = intRange(min, max);
    return raw -> raw.isEmpty() ? Optional.empty() : Optional.of(number.parse(raw));
  }

  static Setting.Parser<Long> byteSize(long min, long max) {
    return raw -> {
      Matcher m = SIZE.matcher(raw);
      if (!m.matches()) {
        throw new IllegalArgumentException("is not a size");
      }
      long unit = switch (m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT)) {
        case "kib" -> 1024L;
        case "mib" -> 1024L * 1024;
        case "gib" -> 1024L * 1024 * 1024;
        default -> 1L;
      };
      long value;
      try {
        value = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
      } catch (ArithmeticException | NumberFormatException e) {
        throw new IllegalArgumentException("is too large");
      }
      if (value < min || value > max) {
        throw new IllegalArgumentException("is out of range");
      }
      return value;
    };
  }

  /** A URL of one of {@code schemes}; shown without the credentials it may carry. */
  static Setting.Parser<Optional<URI>> optionalUri(String... schemes) {
    return withoutCredentialsShown(raw -> {
      if (raw.isEmpty()) {
        return Optional.empty();
      }
      URI uri;
      try {
        uri = new URI(raw);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("is not a URL");
      }
      if (uri.getScheme() == null || !java.util.List.of(schemes).contains(uri.getScheme())) {
        throw new IllegalArgumentException("has an unsupported scheme");
      }
      if (uri.getHost() == null || uri.getHost().isEmpty()) {
        throw new IllegalArgumentException("has no host");
      }
      return Optional.of(uri);
    });
  }

  /**
   * One Redis URL, or several separated by commas: the seed nodes of a Redis Cluster. Empty for none.
   * Shown without the credentials any of them carries.
   */
  static Setting.Parser<java.util.List<URI>> redisUrls() {
    Setting.Parser<Optional<URI>> url = optionalUri("redis", "rediss");
    return shownAs(raw -> {
      java.util.List<URI> urls = new java.util.ArrayList<>();
      for (String part : raw.split(",")) {
        if (!part.isBlank()) {
          urls.add(url.parse(part.trim()).orElseThrow());
        }
      }
      return java.util.List.copyOf(urls);
    }, raw -> String.join(",", java.util.Arrays.stream(raw.split(",")).map(part -> Urls.shown(part.trim())).toList()));
  }

  /** Comma-separated http(s) origins (scheme, host and port, no path); empty for none. */
  static Setting.Parser<java.util.List<URI>> origins() {
    Setting.Parser<Optional<URI>> url = optionalUri("http", "https");
    return raw -> {
      java.util.List<URI> origins = new java.util.ArrayList<>();
      for (String part : raw.split(",")) {
        if (part.isBlank()) {
          continue;
        }
        URI origin = url.parse(part.trim()).orElseThrow();
        if ((origin.getRawPath() != null && !origin.getRawPath().isEmpty() && !origin.getRawPath().equals("/"))
            || origin.getRawQuery() != null || origin.getRawUserInfo() != null) {
          throw new IllegalArgumentException("holds more than an origin (a path, query or credentials)");
        }
        origins.add(URI.create(origin.getScheme() + "://" + origin.getRawAuthority()));
      }
      return java.util.List.copyOf(origins);
    };
  }

  /** A Postgres URL that Vert.x's Postgres client reads too (it refuses some that java.net.URI takes, such as a parameter without '='). */
  static Setting.Parser<Optional<URI>> optionalPostgresUrl() {
    Setting.Parser<Optional<URI>> url = optionalUri("postgresql", "postgres");
    return withoutCredentialsShown(raw -> {
      Optional<URI> parsed = url.parse(raw);
      try {
        parsed.ifPresent(uri -> PgConnectOptions.fromUri(uri.toString()));
      } catch (IllegalArgumentException e) {
        // Its message quotes the URL, password included.
        throw new IllegalArgumentException("is not a Postgres connection URL");
      }
      return parsed;
    });
  }

  /** A form whose values are secrets (keys): never shown in an error or a log. */
  static <T> Setting.Parser<T> secret(Setting.Parser<T> form) {
    return shownAs(form, raw -> Urls.HIDDEN);
  }

  private static <T> Setting.Parser<T> withoutCredentialsShown(Setting.Parser<T> form) {
    return shownAs(form, Urls::shown);
  }

  private static <T> Setting.Parser<T> shownAs(Setting.Parser<T> form, UnaryOperator<String> shown) {
    return new Setting.Parser<>() {
      @Override
      public T parse(String raw) {
        return form.parse(raw);
      }

      @Override
      public String shown(String raw) {
        return shown.apply(raw);
      }
    };
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  static Setting.Parser<java.time.Duration> duration(java.time.Duration min, java.time.Duration max) {
    return raw -> {
      Matcher m = DURATION.matcher(raw);
      if (!m.matches()) {
        throw new IllegalArgumentException("is not a duration");
      }
      long amount;
      try {
        amount = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("is too large");
      }
      java.time.Duration value = switch (m.group(2)) {
        case "ms" -> java.time.Duration.ofMillis(amount);
        case "s" -> java.time.Duration.ofSeconds(amount);
        case "m" -> java.time.Duration.ofMinutes(amount);
        default -> java.time.Duration.ofHours(amount);
      };
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw new IllegalArgumentException("is out of range");
      }
      return value;
    };
  }

  /** {@code json} or {@code text}, in any case. */
  static Setting.Parser<LogFormat> logFormat() {
    return raw -> switch (raw.toLowerCase(Locale.ROOT)) {
      case "json" -> LogFormat.JSON;
      case "text" -> LogFormat.TEXT;
      default -> throw new IllegalArgumentException("is neither json nor text");
    };
  }

  private static final Pattern LOGGER_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
  private static final java.util.Set<String> LOG_LEVELS = java.util.Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  /** Comma-separated {@code logger=level} ({@code root} for the root logger); empty for logback.xml's levels alone. */
  static Setting.Parser<java.util.Map<String, String>> logLevels() {
    return raw -> {
      java.util.Map<String, String> levels = new java.util.LinkedHashMap<>();
      for (String entry : raw.split(",")) {
        if (entry.isBlank()) {
          continue;
        }
        String[] parts = entry.split("=", -1);
        if (parts.length != 2 || !LOGGER_NAME.matcher(parts[0].trim()).matches()) {
          throw new IllegalArgumentException("has an entry that is not logger=level");
        }
        String level = parts[1].trim().toUpperCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
          throw new IllegalArgumentException("names a level other than trace, debug, info, warn, error, off");
        }
        levels.put(parts[0].trim(), level);
      }
      return java.util.Collections.unmodifiableMap(levels);
    };
  }

  /** {@code true} or {@code false}, in any case: a typo must not quietly mean either. */
  static Setting.Parser<Boolean> bool() {
    return raw -> {
      if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(raw);
      }
      throw new IllegalArgumentException("is neither true nor false");
    };
  }

  static Setting.Parser<Double> fraction() {
    return raw -> {
      double value;
      try {
        value = Double.parseDouble(raw);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("is not a number");
      }
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException("is out of range");
      }
      return value;
    };
  }

  /** {@code rate/burst}: calls per second (up to 100,000) and a bucket of 1 to 100,000 calls. */
  static Setting.Parser<Rate> rate() {
    return raw -> {
      String[] parts = raw.split("/", -1);
      try {
        double perSecond = Double.parseDouble(parts[0].trim());
        int burst = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : -1;
        if (!(perSecond > 0 && perSecond <= 100_000) || burst < 1 || burst > 100_000) {
          throw new IllegalArgumentException("is out of range");
        }
        return new Rate(perSecond, burst);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("is not a rate and a burst");
      }
    };
  }

  static Setting.Parser<Optional<Path>> optionalPath() {
    return raw -> raw.isEmpty() ? Optional.empty() : Optional.of(path().parse(raw));
  }

  static Setting.Parser<URI> uri(String... schemes) {
    return withoutCredentialsShown(raw -> optionalUri(schemes).parse(raw).orElseThrow(() -> new IllegalArgumentException("is empty")));
  }

  static Setting.Parser<Path> path() {
    return raw -> {
      if (raw.isEmpty()) {
        throw new IllegalArgumentException("is empty");
      }
      try {
        return Path.of(raw);
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException("is not a valid path");
      }
    };
  }

  static Setting.Parser<String> host() {
    return raw -> {
      if (raw.isEmpty() || !raw.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
        throw new IllegalArgumentException("is not a host name or IP address");
      }
      return raw;
    };
  }

  /**
   * Encryption keys as {@code id:base64,id:base64}, oldest first (the last one seals new secrets);
   * empty means none configured.
   */
  static Setting.Parser<java.util.List<io.spgate.crypto.SecretBox.Key>> encryptionKeys() {
    return raw -> {
      java.util.List<io.spgate.crypto.SecretBox.Key> keys = new java.util.ArrayList<>();
      if (raw.isEmpty()) {
        return keys;
      }
      java.util.Set<String> ids = new java.util.HashSet<>();
      for (String entry : raw.split(",")) {
        String[] parts = entry.trim().split(":", 2);
        if (parts.length != 2 || !parts[0].matches("[A-Za-z0-9_.-]{1,32}")) {
          throw new IllegalArgumentException("has an entry that is not id:base64");
        }
        byte[] material;
        try {
          material = java.util.Base64.getDecoder().decode(parts[1].trim());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("has a key that is not base64");
        }
        if (material.length != 32) {
          throw new IllegalArgumentException("has a key that is not 32 bytes");
        }
        if (!ids.add(parts[0])) {
          throw new IllegalArgumentException("names key id " + parts[0] + " twice");
        }
        keys.add(new io.spgate.crypto.SecretBox.Key(parts[0], material));
      }
      return keys;
    };
  }

  /** An optional secret key: random, printable and long enough to resist guessing. */
  static Setting.Parser<Optional<String>> optionalKey(int minLength) {
    return raw -> {
      if (raw.isEmpty()) {
        return Optional.empty();
      }
      if (raw.length() < minLength) {
        throw new IllegalArgumentException("is too short");
      }
      if (!raw.matches("[\\x21-\\x7e]+")) {
        throw new IllegalArgumentException("contains spaces or non-printable characters");
      }
      return Optional.of(raw);
    };
  }
}
