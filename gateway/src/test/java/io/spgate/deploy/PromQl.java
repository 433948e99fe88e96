package io.spgate.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads: its identifiers that are not functions, aggregations, keywords, label
 * names or values, durations, numbers or Grafana variables. Enough PromQL for alert rules and dashboards, not a parser.
 */
final class PromQl {

  private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
  /** Label matchers, range and subquery selectors: nothing inside names a metric (strings are gone by then). */
  private static final Pattern SELECTORS = Pattern.compile("\\{[^}]*}|\\[[^]]*]");
  /** Grafana's variables: $name, ${name}, ${name:format}, [[name]] (already gone with the selectors). */
  private static final Pattern VARIABLES = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
  /** Label lists of aggregations and vector matching. */
  private static final Pattern LABEL_LISTS =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", Pattern.CASE_INSENSITIVE);
  /** A number or duration (5m, 1h30m, 0.99, 1e3) first, so its letters are not read as a name; then an identifier. */
  private static final Pattern TOKENS = Pattern.compile("(\\d[\\w.]*(?:[eE][+-]?\\d+)?)|([A-Za-z_:][\\w:]*)(\\s*\\()?");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
      "group_left", "group_right", "inf", "nan", "start", "end", "atan2");

  private PromQl() {}

  static Set<String> metricNames(String expression) {
    String rest = STRINGS.matcher(expression).replaceAll(" ");
    rest = SELECTORS.matcher(rest).replaceAll(" ");
    rest = VARIABLES.matcher(rest).replaceAll(" ");
    rest = LABEL_LISTS.matcher(rest).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = TOKENS.matcher(rest);
    while (m.find()) {
      String identifier = m.group(2);
      boolean function = m.group(3) != null;
      if (identifier != null && !function && !KEYWORDS.contains(identifier.toLowerCase(java.util.Locale.ROOT))) {
        names.add(identifier);
      }
    }
    return names;
  }
}
