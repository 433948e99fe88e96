package io.spgate.simulator.quota;

import io.spgate.simulator.model.ModelCatalog;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every operation's rate and burst, from the usage plans of the official models (rate-limits.tsv). */
public final class RateLimitTable {
  public static final String RESOURCE = ModelCatalog.RESOURCE_ROOT + "rate-limits.tsv";

  private final Map<String, RateLimit> limits;

  private RateLimitTable(Map<String, RateLimit> limits) {
    this.limits = limits;
  }

  public static RateLimitTable load() {
    return parse(ModelCatalog.readResource(RESOURCE));
  }

  static RateLimitTable parse(String tsv) {
    Map<String, RateLimit> limits = new LinkedHashMap<>();
    String[] lines = tsv.split("\r?\n");
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] f = lines[i].split("\t");
      if (f.length != 6) {
        throw new IllegalStateException("rate-limits.tsv line " + (i + 1) + " has " + f.length + " fields, expected 6");
      }
      RateLimit limit = new RateLimit(f[0], f[1], f[2], f[3], Double.parseDouble(f[4]), Integer.parseInt(f[5]));
      if (limits.put(limit.key(), limit) != null) {
        throw new IllegalStateException("rate-limits.tsv line " + (i + 1) + " repeats " + limit.key());
      }
    }
    return new RateLimitTable(Map.copyOf(limits));
  }

  public Optional<RateLimit> limit(String api, String method, String path) {
    return Optional.ofNullable(limits.get(RateLimit.key(api, method, path)));
  }

  public Collection<RateLimit> all() {
    return limits.values();
  }
}
