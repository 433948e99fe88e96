package io.spgate.quota;

/** A token bucket's refill rate (calls per second) and size. */
public record Rate(double perSecond, int burst) {

  public Rate {
    if (!(perSecond > 0) || Double.isInfinite(perSecond) || burst < 1) {
      throw new IllegalArgumentException("a rate needs perSecond > 0 and burst >= 1, got " + perSecond + "/" + burst);
    }
  }
}
