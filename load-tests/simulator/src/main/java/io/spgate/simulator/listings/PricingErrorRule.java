package io.spgate.simulator.listings;

import io.spgate.simulator.data.Listing;
import io.spgate.simulator.data.Marketplace;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Amazon's "potential pricing error": a new price far from the listing's current one is held back after the
 * submission was accepted, and the listing keeps its price. The threshold (more than 10 times, or less than a tenth of,
 * the current price) and the code are the simulator's choice: Amazon publishes neither (UNCONFIRMED).
 */
final class PricingErrorRule {
  static final String POTENTIAL_PRICING_ERROR = "POTENTIAL_PRICING_ERROR";
  private static final BigDecimal FACTOR = BigDecimal.TEN;

  private PricingErrorRule() {}

  static Optional<Issue> check(Listing before, Listing after, List<Marketplace> marketplaces) {
    for (Marketplace mp : marketplaces) {
      Optional<BigDecimal> was = before.price(mp.id()).filter(p -> p.signum() > 0);
      Optional<BigDecimal> now = after.price(mp.id());
      if (was.isEmpty() || now.isEmpty()) {
        continue;
      }
      BigDecimal current = was.get();
      BigDecimal proposed = now.get();
      if (proposed.compareTo(current.multiply(FACTOR)) > 0 || proposed.multiply(FACTOR).compareTo(current) < 0) {
        return Optional.of(Issue.error(POTENTIAL_PRICING_ERROR, "Potential pricing error: the price " + proposed.toPlainString() + " in "
            + mp.id() + " is far from the current price " + current.toPlainString() + "; the listing keeps its current price",
            "purchasable_offer", "INVALID_PRICE"));
      }
    }
    return Optional.empty();
  }
}
