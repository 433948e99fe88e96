package io.spgate.channels;

import io.spgate.seller.Marketplace;
import java.util.Optional;
import java.util.UUID;

/**
 * A channel's id: the seller's id, a dot, and one of its marketplaces' Amazon ids
 * ({@code 0b6f...e1.ATVPDKIKX0DER}). A channel is no row of its own: it is that seller on that marketplace.
 */
public record ChannelId(UUID sellerId, String marketplaceId) {

  /** The id as callers write it; empty when it is malformed or names no marketplace Amazon has (such an id names nothing: a 404). */
  public static Optional<ChannelId> parse(String raw) {
    int dot = raw == null ? -1 : raw.indexOf('.');
    if (dot != 36 || Marketplace.byId(raw.substring(dot + 1)).isEmpty()) {
      return Optional.empty();
    }
    try {
      UUID seller = UUID.fromString(raw.substring(0, dot));
      // UUID.fromString accepts short groups ("1-2-3-4-5"); only the canonical form names a seller.
      return seller.toString().equalsIgnoreCase(raw.substring(0, dot)) ? Optional.of(new ChannelId(seller, raw.substring(dot + 1)))
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public String value() {
    return sellerId + "." + marketplaceId;
  }

  public Marketplace marketplace() {
    return Marketplace.byId(marketplaceId).orElseThrow();
  }

  @Override
  public String toString() {
    return value();
  }
}
