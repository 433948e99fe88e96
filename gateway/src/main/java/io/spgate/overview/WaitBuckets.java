package io.spgate.overview;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Quota waits counted in fixed buckets, so that counts of several instances and slots add up and a
 * percentile over any of them is one pass: bucket {@code i} counts waits up to {@link #BOUNDS_MS}[i]
 * (the last, longer ones). A percentile is the bound of the bucket it falls in: an upper bound, to
 * the buckets' resolution (1-2-5 steps).
 */
final class WaitBuckets {

  static final long[] BOUNDS_MS = {0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 60_000};
  /** One more than the bounds: waits beyond the last. */
  static final int COUNT = BOUNDS_MS.length + 1;

  private WaitBuckets() {}

  static int of(long waitMillis) {
    int found = Arrays.binarySearch(BOUNDS_MS, waitMillis);
    return found >= 0 ? found : -found - 1;
  }

  /** The bound under which {@code quantile} of the waits counted lie; empty when none were. Beyond the last bound: that bound. */
  static OptionalDouble percentile(long[] counts, double quantile) {
    long total = Arrays.stream(counts).sum();
    if (total == 0) {
      return OptionalDouble.empty();
    }
    long rank = (long) Math.ceil(quantile * total);
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return OptionalDouble.of(BOUNDS_MS[Math.min(i, BOUNDS_MS.length - 1)]);
      }
    }
    return OptionalDouble.of(BOUNDS_MS[BOUNDS_MS.length - 1]);
  }

  static long[] add(long[] a, long[] b) {
    long[] sum = new long[COUNT];
    for (int i = 0; i < COUNT; i++) {
      sum[i] = (i < a.length ? a[i] : 0) + (i < b.length ? b[i] : 0);
    }
    return sum;
  }
}
