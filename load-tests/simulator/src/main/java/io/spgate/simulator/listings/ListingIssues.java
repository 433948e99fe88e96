package io.spgate.simulator.listings;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The issues Amazon found on a listing after accepting a submission: what getListingsItem shows under includedData=issues,
 * the only place a patch client learns that an ACCEPTED change was not applied (FACTS.md part 2, section 3).
 */
public final class ListingIssues {
  private final ConcurrentHashMap<String, List<Issue>> bySellerSku = new ConcurrentHashMap<>();

  /** The outcome of the latest accepted submission replaces the issues of earlier ones. */
  void record(String sellerId, String sku, List<Issue> issues) {
    if (issues.isEmpty()) {
      bySellerSku.remove(key(sellerId, sku));
    } else {
      bySellerSku.put(key(sellerId, sku), List.copyOf(issues));
    }
  }

  void forget(String sellerId, String sku) {
    bySellerSku.remove(key(sellerId, sku));
  }

  public List<Issue> of(String sellerId, String sku) {
    return bySellerSku.getOrDefault(key(sellerId, sku), List.of());
  }

  private static String key(String sellerId, String sku) {
    return sellerId + '\u0000' + sku;
  }
}
