package io.spgate.overview;

import java.time.Instant;
import java.util.UUID;

/** One tenant's SP-API calls in one slot: how many, how many of Amazon's answers were 429s, and their quota waits. */
record SlotCounts(UUID tenantId, Instant start, long calls, long throttles, long[] waits) {

  SlotCounts plus(SlotCounts other) {
    return new SlotCounts(tenantId, start, calls + other.calls, throttles + other.throttles, WaitBuckets.add(waits, other.waits));
  }
}
