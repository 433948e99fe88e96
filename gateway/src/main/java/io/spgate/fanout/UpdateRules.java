package io.spgate.fanout;

import io.spgate.channels.ChannelId;
import io.spgate.channels.Fulfillment;
import io.spgate.channels.Guardrails;
import io.spgate.channels.MappingRules;
import io.spgate.seller.Marketplace;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * The checks an update passes before spgate takes it: the channel is the tenant's, the SKU is mapped,
 * the price is in the marketplace's currency and inside the mapping's guardrails, and a quantity is
 * never pushed for an FBA SKU (Amazon owns that stock).
 */
final class UpdateRules {

  private UpdateRules() {}

  /**
   * @param sellerMarketplaces the marketplaces of the update's seller, empty when the tenant has no such seller
   * @param mapping the SKU's mapping on the channel, if any
   */
  static ValidUpdate check(ParsedUpdate update, Optional<List<String>> sellerMarketplaces, Optional<MappingRules> mapping) {
    ChannelId channel = update.channel(); // written out only in a refusal
    if (sellerMarketplaces.isEmpty() || !sellerMarketplaces.get().contains(update.channel().marketplaceId())) {
      throw new RejectedUpdateException("channel_unknown", "Channel " + channel + " does not exist.");
    }
    MappingRules map = mapping.orElseThrow(() -> new RejectedUpdateException("mapping_missing",
        "SKU " + update.sku() + " has no mapping on channel " + channel + "; import its mapping first."));
    Marketplace marketplace = Marketplace.byId(update.channel().marketplaceId())
        .orElseThrow(() -> new RejectedUpdateException("channel_unknown", "Channel " + channel + " does not exist."));
    if (update.price().isPresent()) {
      checkPrice(update.price().get(), update.currency().orElseThrow(), marketplace, map);
    }
    Optional<Integer> listed = Optional.empty();
    if (update.quantity().isPresent()) {
      if (map.fulfillment() == Fulfillment.FBA) {
        throw new RejectedUpdateException("fba_quantity_owned_by_amazon", "SKU " + update.sku() + " is fulfilled by Amazon: its "
            + "quantity is Amazon's stock (channel_wins) and spgate never pushes it. Send its price only.");
      }
      listed = Optional.of(map.guardrails().listedQuantity(update.quantity().get()));
    }
    if (update.handlingTime().isPresent() && map.fulfillment() == Fulfillment.FBA) {
      throw new RejectedUpdateException("handling_time_invalid", "SKU " + update.sku() + " is fulfilled by Amazon, which ships it; "
          + "a handling time applies to merchant-fulfilled SKUs only.");
    }
    return new ValidUpdate(update.index(), update.channel().sellerId(), update.channel().marketplaceId(), update.sku(), update.price(),
        update.currency(), update.quantity(), listed, update.handlingTime());
  }

  private static void checkPrice(BigDecimal price, String currency, Marketplace marketplace, MappingRules mapping) {
    if (!marketplace.currency().equals(currency)) {
      throw new RejectedUpdateException("currency_mismatch", "Prices on " + marketplace.name() + " are in " + marketplace.currency()
          + ", not " + currency + ".");
    }
    int decimals = "JPY".equals(currency) ? 0 : 2;
    if (price.signum() <= 0 || price.compareTo(Guardrails.MAX_PRICE) > 0 || price.stripTrailingZeros().scale() > decimals) {
      throw new RejectedUpdateException("price_invalid", "The price must be more than 0 and at most "
          + Guardrails.MAX_PRICE.toPlainString() + ", with at most " + decimals + " decimals in " + currency + ".");
    }
    Guardrails guardrails = mapping.guardrails();
    if (guardrails.minPrice().isPresent() && price.compareTo(guardrails.minPrice().get()) < 0) {
      throw new RejectedUpdateException("price_below_min", "The price " + price.toPlainString() + " is below the SKU's minimum "
          + guardrails.minPrice().get().toPlainString() + ".");
    }
    if (guardrails.maxPrice().isPresent() && price.compareTo(guardrails.maxPrice().get()) > 0) {
      throw new RejectedUpdateException("price_above_max", "The price " + price.toPlainString() + " is above the SKU's maximum "
          + guardrails.maxPrice().get().toPlainString() + ".");
    }
    if (guardrails.maxChangePercent().isPresent() && mapping.lastPrice().isPresent()) {
      BigDecimal last = mapping.lastPrice().get();
      BigDecimal percent = price.subtract(last).abs().multiply(BigDecimal.valueOf(100)).divide(last, 2, RoundingMode.HALF_UP);
      if (percent.compareTo(guardrails.maxChangePercent().get()) > 0) {
        throw new RejectedUpdateException("price_change_too_large", "The price " + price.toPlainString() + " is " + percent.toPlainString()
            + " % away from the last price " + last.toPlainString() + "; the SKU allows " + guardrails.maxChangePercent().get()
            .toPlainString() + " % per update.");
      }
    }
  }
}
