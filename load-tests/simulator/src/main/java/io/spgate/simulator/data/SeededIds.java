package io.spgate.simulator.data;

import java.util.SplittableRandom;

/** Amazon-looking identifiers drawn from a seeded random source, so one seed always yields the same world. */
public final class SeededIds {
  private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  private static final String HEX = "0123456789abcdef";

  private final SplittableRandom random;

  public SeededIds(long seed) {
    this.random = new SplittableRandom(seed);
  }

  public SplittableRandom random() {
    return random;
  }

  public String upperAlnum(int length) {
    return draw(UPPER_ALNUM, length);
  }

  public String tokenChars(int length) {
    return draw(TOKEN_CHARS, length);
  }

  public String hex(int length) {
    return draw(HEX, length);
  }

  public String digits(int length) {
    return draw("0123456789", length);
  }

  /** Merchant ids look like A2EUQ1WTGCTBG2: 'A' then 12 to 13 upper-case alphanumerics. */
  public String sellerId() {
    return "A" + upperAlnum(13);
  }

  public String asin() {
    return "B0" + upperAlnum(8);
  }

  public String uuid() {
    return hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12);
  }

  /** SplitMix64's finaliser: a cheap, well-spread hash of a long, for values that must be a pure function of a key. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private String draw(String alphabet, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
