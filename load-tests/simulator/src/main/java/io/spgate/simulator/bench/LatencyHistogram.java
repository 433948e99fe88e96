package io.spgate.simulator.bench;

/** Latencies in 10 µs buckets up to 1 s (one overflow bucket); fed by one thread, merged afterwards. */
final class LatencyHistogram {
  private static final int BUCKET_NANOS = 10_000;
  private final long[] counts = new long[100_001];
  private long total;

  void record(long nanos) {
    counts[(int) Math.min(counts.length - 1, nanos / BUCKET_NANOS)]++;
    total++;
  }

  void addAll(LatencyHistogram other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
  }

  long total() {
    return total;
  }

  /** The upper edge of the bucket holding quantile {@code q}, in milliseconds. */
  double percentileMillis(double q) {
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank && seen > 0) {
        return (i + 1) * BUCKET_NANOS / 1e6;
      }
    }
    return 0;
  }
}
