package io.spgate.config;

/** A configuration value that cannot be used; the message is the one line an operator sees, and never holds a secret. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message, null, false, false);
  }

  static ConfigException invalid(String key, String shownValue, String problem, String expected) {
    return new ConfigException(key + "=" + quoted(shownValue) + " " + problem + "; expected " + expected);
  }

  private static String quoted(String value) {
    return "'" + value.replace("'", "\\'") + "'";
  }
}
