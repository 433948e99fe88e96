package io.spgate.config;

import java.util.function.Function;

/**
 * One documented configuration key: its environment name, default, the form it expects and how to
 * parse it. The README's configuration table lists exactly these.
 */
public record Setting<T>(String key, String defaultValue, String expected, String description, Parser<T> parser) {

  /** Parses a raw value or explains, in a few words, what is wrong with it. */
  @FunctionalInterface
  public interface Parser<T> {
    T parse(String raw) throws IllegalArgumentException;
  }

  T read(Function<String, String> source) {
    String raw = source.apply(key);
    String value = raw == null ? defaultValue : raw.trim();
    try {
      return parser.parse(value);
    } catch (IllegalArgumentException e) {
      throw ConfigException.invalid(key, redactedIfSecret(value), e.getMessage(), expected);
    }
  }

  boolean secret() {
    return key.endsWith("_KEY");
  }

  private String redactedIfSecret(String value) {
    return secret() && !value.isEmpty() ? "<redacted>" : value;
  }
}
