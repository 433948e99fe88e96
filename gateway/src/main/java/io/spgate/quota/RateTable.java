package io.spgate.quota;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every modelled operation's usage plan (rate per second, burst) from the official models'
 * table, matched by method and concrete path. Keyed by method and path, not operationId: the
 * models give one operationId two methods with different plans.
 */
public final class RateTable {

  /** One operation's plan. */
  public record Plan(String operationId, String method, String pathTemplate, double ratePerSecond, int burst) {}

  private record Entry(Plan plan, Pattern path, int literalLength) {}

  private final List<Entry> entries;

  private RateTable(List<Entry> entries) {
    this.entries = entries;
  }

  /** The table bundled with the gateway (a copy of shared/sp-api-models/rate-limits.tsv). */
  public static RateTable bundled() {
    try (InputStream in = RateTable.class.getClassLoader().getResourceAsStream("quota/rate-limits.tsv")) {
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RateTable parse(InputStream in) throws IOException {
    List<Entry> entries = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String header = reader.readLine();
    if (header == null || !header.startsWith("api\toperationId\tmethod\tpath\trate_per_s\tburst")) {
      throw new IllegalStateException("rate-limits.tsv has an unexpected header: " + header);
    }
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      Plan plan = new Plan(f[1], f[2], f[3], Double.parseDouble(f[4]), Integer.parseInt(f[5]));
      String regex = Pattern.quote(f[3]).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
      entries.add(new Entry(plan, Pattern.compile(regex), f[3].replaceAll("\\{[^}]+}", "").length()));
    }
    // The most literal template wins: /orders/v0/orders/{id}/address before /orders/v0/orders/{id}.
    entries.sort((a, b) -> Integer.compare(b.literalLength(), a.literalLength()));
    return new RateTable(List.copyOf(entries));
  }

  public Optional<Plan> plan(String method, String path) {
    return entries.stream().filter(e -> e.plan().method().equals(method) && e.path().matcher(path).matches())
        .map(Entry::plan).findFirst();
  }

  public Optional<Plan> byOperation(String method, String operationId) {
    return entries.stream().map(Entry::plan).filter(p -> p.method().equals(method) && p.operationId().equals(operationId)).findFirst();
  }

  public List<Plan> all() {
    return entries.stream().map(Entry::plan).toList();
  }
}
