package io.spgate.channels;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Who ships a SKU, and so whose word on its quantity counts: the seller's for MFN (spgate's master
 * data wins), Amazon's for FBA (the channel's stock wins; spgate only reads it).
 */
public enum Fulfillment {
  FBA("channel_wins"), MFN("master_wins");

  private final String conflictStrategy;

  Fulfillment(String conflictStrategy) {
    this.conflictStrategy = conflictStrategy;
  }

  /** {@code master_wins} or {@code channel_wins}: follows from the fulfillment, never chosen apart from it. */
  public String conflictStrategy() {
    return conflictStrategy;
  }

  /** FBA or MFN, in any case. */
  public static Optional<Fulfillment> parse(String value) {
    return Arrays.stream(values()).filter(f -> f.name().equals(value.toUpperCase(Locale.ROOT))).findFirst();
  }
}
