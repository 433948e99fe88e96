package io.spgate.reports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What spgate knows of report types ({@code reports/report-types.tsv}): the document's format,
 * whether Amazon ignores the date range, how often Amazon lets a seller request the type, and
 * whether it can be requested at all. Types not in the table are accepted with no such rules.
 */
public final class ReportTypes {

  private static final String RESOURCE = "reports/report-types.tsv";

  /** One known type. {@code window}: the least time between two requests for one seller (zero: none). */
  public record ReportType(String type, String format, boolean datesIgnored, Duration window, boolean requestable, String label) {

    JsonObject toJson() {
      return new JsonObject().put("reportType", type).put("label", label).put("format", format).put("datesIgnored", datesIgnored)
          .put("minMinutesBetweenRequests", window.toMinutes()).put("requestable", requestable);
    }
  }

  private final Map<String, ReportType> known;

  private ReportTypes(Map<String, ReportType> known) {
    this.known = known;
  }

  public static ReportTypes bundled() {
    try (InputStream in = ReportTypes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      Map<String, ReportType> known = new LinkedHashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        known.put(f[0], new ReportType(f[0], f[1], f[2].equals("ignored"), Duration.ofMinutes(Long.parseLong(f[3])), f[4].equals("yes"),
            f[5]));
      }
      return new ReportTypes(known);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Optional<ReportType> get(String type) {
    return Optional.ofNullable(known.get(type));
  }

  /** The least time Amazon wants between two requests of the type for one seller; zero when there is no such rule. */
  public Duration window(String type) {
    return get(type).map(ReportType::window).orElse(Duration.ZERO);
  }

  public boolean requestable(String type) {
    return get(type).map(ReportType::requestable).orElse(true);
  }

  /** Whether the document is tab-separated text (which converts to NDJSON and CSV); unknown types are taken to be. */
  public boolean tabSeparated(String type) {
    return get(type).map(t -> t.format().equals("tsv")).orElse(true);
  }

  JsonArray toJson() {
    return new JsonArray(known.values().stream().map(ReportType::toJson).toList());
  }
}
