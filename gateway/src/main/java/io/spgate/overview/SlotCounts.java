package io.spgate.overview;

import java.time.Instant;
import java.util.UUID;

/**
 * One tenant's activity in one slot: its SP-API calls, how many of Amazon's answers were 429s, its
 * sellers' failed token refreshes, and the calls' quota waits ({@link WaitBuckets}).
 */
record SlotCounts(UUID tenantId, Instant start, long calls, long throttles, long tokenFailures, long[] waits) {

  SlotCounts plus(SlotCounts other) {
    return new SlotCounts(tenantId, start, calls + other.calls, throttles + other.throttles, tokenFailures + other.tokenFailures,
        WaitBuckets.add(waits, other.waits));
  }
}
