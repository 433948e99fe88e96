package io.spgate.config;

import java.util.function.Function;

/**
 * One documented configuration key: its environment name, default, the form it expects and how to
 * parse it. The README's configuration table lists exactly these. Whether a value may be shown in
 * an error or a log is part of its form ({@link Parser#shown}): keys are never shown, URLs only
 * without the credentials they may carry.
 */
public record Setting<T>(String key, String defaultValue, String expected, String description, Parser<T> parser) {

  /** Parses a raw value or explains, in a few words and without repeating the value, what is wrong with it. */
  @FunctionalInterface
  public interface Parser<T> {
    T parse(String raw) throws IllegalArgumentException;

    /** The raw value as errors and logs may show it; a form that holds secrets hides them. */
    default String shown(String raw) {
      return raw;
    }
  }

  T read(Function<String, String> source) {
    String raw = source.apply(key);
    String value = raw == null ? defaultValue : raw.trim();
    try {
      return parser.parse(value);
    } catch (IllegalArgumentException e) {
      throw ConfigException.invalid(key, shown(value), e.getMessage(), expected);
    }
  }

  /** A value of this setting as errors and logs may show it. */
  public String shown(String value) {
    return value.isEmpty() ? value : parser.shown(value);
  }
}
