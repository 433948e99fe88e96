package io.spgate.simulator.listings;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issues a test forces on chosen SKUs of a seller (POST /_sim/sellers/{id}/listing-issues), so that partial failures
 * happen exactly where it wants them: at validation (the patch is INVALID, the feed message invalid) or after
 * acceptance (accepted, then not applied when the issue is an ERROR). One issue per SKU; a new one replaces it.
 */
public final class ForcedIssues {
  /** Where in Amazon's processing the issue is found. */
  public enum Stage {
    VALIDATION("validation"), POST_ACCEPTANCE("postAcceptance");

    private final String wire;

    Stage(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Stage parse(String value) {
      for (Stage stage : values()) {
        if (stage.wire.equals(value)) {
          return stage;
        }
      }
      throw new IllegalArgumentException("stage must be validation or postAcceptance, got '" + value + "'");
    }
  }

  /** {@code remaining} below 0: every submission, until cleared. */
  private record Forced(String sku, Issue issue, Stage stage, AtomicInteger remaining) {}

  private final ConcurrentHashMap<String, ConcurrentHashMap<String, Forced>> bySeller = new ConcurrentHashMap<>();

  /** {@code times}: how many submissions of each SKU get the issue; 0 or less for all of them until cleared. */
  public void force(String sellerId, Collection<String> skus, Issue issue, Stage stage, int times) {
    ConcurrentHashMap<String, Forced> skusOfSeller = bySeller.computeIfAbsent(sellerId, id -> new ConcurrentHashMap<>());
    for (String sku : skus) {
      skusOfSeller.put(sku, new Forced(sku, issue, stage, new AtomicInteger(times > 0 ? times : -1)));
    }
  }

  /** The issue forced on this submission of the SKU at this stage, if any; a counted one is used up by it. */
  List<Issue> take(String sellerId, String sku, Stage stage) {
    ConcurrentHashMap<String, Forced> skusOfSeller = bySeller.get(sellerId);
    Forced forced = skusOfSeller == null ? null : skusOfSeller.get(sku);
    if (forced == null || forced.stage() != stage) {
      return List.of();
    }
    int left = forced.remaining().getAndUpdate(n -> n > 0 ? n - 1 : n);
    if (left == 0) {
      return List.of();
    }
    if (left == 1) {
      skusOfSeller.remove(sku, forced);
    }
    return List.of(forced.issue());
  }

  /** Forgets the seller's forced issues; answers how many there were. */
  public int clear(String sellerId) {
    ConcurrentHashMap<String, Forced> removed = bySeller.remove(sellerId);
    return removed == null ? 0 : removed.size();
  }

  public JsonArray toJson(String sellerId) {
    JsonArray list = new JsonArray();
    bySeller.getOrDefault(sellerId, new ConcurrentHashMap<>()).values().forEach(f -> {
      JsonObject json = f.issue().toJson().put("sku", f.sku()).put("stage", f.stage().wire());
      int remaining = f.remaining().get();
      list.add(remaining < 0 ? json : json.put("times", remaining));
    });
    return list;
  }
}
