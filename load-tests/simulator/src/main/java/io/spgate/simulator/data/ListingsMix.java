package io.spgate.simulator.data;

import java.util.ArrayList;
import java.util.List;

/**
 * How many listings each seller gets, as shares of every block of sellers: {@code 950:40,50:2000} gives 950 of each
 * 1,000 sellers 40 listings and 50 of them 2,000, the many small sellers and few large ones a benchmark meets. Which
 * sellers of a block are the large ones is a permutation drawn from the seed, so one seed always gives the same mix.
 */
public record ListingsMix(List<Share> shares) {

  /** {@code sellers} of each block of {@link #blockSize()} sellers get {@code listings} listings. */
  public record Share(int sellers, int listings) {}

  public ListingsMix {
    shares = List.copyOf(shares);
    if (shares.isEmpty()) {
      throw new IllegalArgumentException("a listings mix needs at least one share");
    }
  }

  /** Every seller gets the same number of listings. */
  public static ListingsMix uniform(int listings) {
    return new ListingsMix(List.of(new Share(1, listings)));
  }

  /** Parses {@code sellers:listings[,sellers:listings...]}, e.g. {@code 950:40,50:2000}. */
  public static ListingsMix parse(String spec) {
    List<Share> shares = new ArrayList<>();
    for (String part : spec.split(",", -1)) {
      String[] fields = part.trim().split(":", -1);
      if (fields.length != 2) {
        throw new IllegalArgumentException("expected sellers:listings[,sellers:listings...], got '" + spec + "'");
      }
      int sellers = number(fields[0], spec);
      int listings = number(fields[1], spec);
      if (sellers < 1) {
        throw new IllegalArgumentException("each share needs at least 1 seller, got '" + spec + "'");
      }
      shares.add(new Share(sellers, listings));
    }
    ListingsMix mix = new ListingsMix(shares);
    if (mix.blockSize() > 1_000_000) {
      throw new IllegalArgumentException("the shares' sellers add up to more than 1,000,000 in '" + spec + "'");
    }
    return mix;
  }

  private static int number(String field, String spec) {
    try {
      int n = Integer.parseInt(field.trim());
      if (n < 0 || n > 1_000_000) {
        throw new IllegalArgumentException("numbers must be between 0 and 1000000 in '" + spec + "'");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected sellers:listings[,sellers:listings...] of whole numbers, got '" + spec + "'");
    }
  }

  public int blockSize() {
    return shares.stream().mapToInt(Share::sellers).sum();
  }

  /** The listings of seller {@code index}: its slot in a seeded permutation of its block picks the share. */
  public int listingsFor(int index, long seed) {
    int size = blockSize();
    if (size == 1) {
      return shares.get(0).listings();
    }
    long block = index / size;
    int position = index % size;
    int slot = (int) ((position * (long) stride(size) + Math.floorMod(SeededIds.mix(seed * 31 + block), size)) % size);
    for (Share share : shares) {
      if (slot < share.sellers()) {
        return share.listings();
      }
      slot -= share.sellers();
    }
    throw new IllegalStateException("slot outside the block");
  }

  /** A step coprime with the block size, so position → slot is a permutation. */
  private static int stride(int size) {
    int stride = (int) (1_000_003L % size);
    while (gcd(stride, size) != 1) {
      stride++;
    }
    return stride;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  /** The spec this mix was parsed from. */
  @Override
  public String toString() {
    return String.join(",", shares.stream().map(s -> s.sellers() + ":" + s.listings()).toList());
  }
}
