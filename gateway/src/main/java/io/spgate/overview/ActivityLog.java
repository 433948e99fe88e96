package io.spgate.overview;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * What each tenant's SP-API calls (and its sellers' token refreshes) did on this instance, counted in {@link #SLOT}s of wall-clock
 * time, until {@link ActivityStore} writes the ended ones to Postgres (where every instance's add
 * up). Recording is a few uncontended atomic adds: it runs on every call, on every event loop.
 */
public final class ActivityLog {

  public static final Duration SLOT = Duration.ofSeconds(10);
  /** A slot is taken this long after it ended, so a call counted just at its end is not lost. */
  private static final long SETTLE_MILLIS = 1_000;

  private final LongSupplier clockMillis;
  private final long slotMillis;
  private final Map<Key, Open> open = new ConcurrentHashMap<>();

  private record Key(UUID tenantId, long slot) {}

  private static final class Open {
    final LongAdder calls = new LongAdder();
    final LongAdder throttles = new LongAdder();
    final LongAdder tokenFailures = new LongAdder();
    final AtomicLongArray waits = new AtomicLongArray(WaitBuckets.COUNT);
  }

  public ActivityLog(LongSupplier clockMillis) {
    this(clockMillis, SLOT);
  }

  ActivityLog(LongSupplier clockMillis, Duration slot) {
    this.clockMillis = clockMillis;
    this.slotMillis = slot.toMillis();
  }

  /** A call of the tenant's ended (answered or failed) after waiting {@code quotaWaitMillis} for its quota slots. */
  public void called(UUID tenantId, long quotaWaitMillis) {
    Open slot = current(tenantId);
    slot.calls.increment();
    slot.waits.incrementAndGet(WaitBuckets.of(quotaWaitMillis));
  }

  /** Amazon answered one of the tenant's calls 429. */
  public void throttled(UUID tenantId) {
    current(tenantId).throttles.increment();
  }

  /** A refresh of one of the tenant's sellers' access tokens failed (LWA down, or the grant is dead). */
  public void tokenFailed(UUID tenantId) {
    current(tenantId).tokenFailures.increment();
  }

  /** Removes and answers the slots that have ended, for the store to write. */
  List<SlotCounts> takeEnded() {
    long now = clockMillis.getAsLong();
    List<SlotCounts> ended = new ArrayList<>();
    open.entrySet().removeIf(entry -> {
      if ((entry.getKey().slot() + 1) * slotMillis + SETTLE_MILLIS > now) {
        return false;
      }
      ended.add(counts(entry.getKey(), entry.getValue()));
      return true;
    });
    return ended;
  }

  /** Slots the store could not write come back, to be written with the next ones; those too old to be shown are let go. */
  void putBack(List<SlotCounts> unwritten) {
    long oldest = clockMillis.getAsLong() - Overview.SHOWN.toMillis();
    for (SlotCounts counts : unwritten) {
      if (counts.start().toEpochMilli() < oldest) {
        continue;
      }
      Open slot = open.computeIfAbsent(new Key(counts.tenantId(), counts.start().toEpochMilli() / slotMillis), k -> new Open());
      slot.calls.add(counts.calls());
      slot.throttles.add(counts.throttles());
      slot.tokenFailures.add(counts.tokenFailures());
      for (int i = 0; i < counts.waits().length; i++) {
        slot.waits.addAndGet(i, counts.waits()[i]);
      }
    }
  }

  /** The tenant's ended slots not written yet: the overview adds them to what the store has. */
  List<SlotCounts> unwritten(UUID tenantId) {
    long currentSlot = clockMillis.getAsLong() / slotMillis;
    List<SlotCounts> found = new ArrayList<>();
    open.forEach((key, slot) -> {
      if (key.tenantId().equals(tenantId) && key.slot() < currentSlot) {
        found.add(counts(key, slot));
      }
    });
    return found;
  }

  long slotMillis() {
    return slotMillis;
  }

  private Open current(UUID tenantId) {
    return open.computeIfAbsent(new Key(tenantId, clockMillis.getAsLong() / slotMillis), k -> new Open());
  }

  private SlotCounts counts(Key key, Open slot) {
    long[] waits = new long[WaitBuckets.COUNT];
    for (int i = 0; i < waits.length; i++) {
      waits[i] = slot.waits.get(i);
    }
    return new SlotCounts(key.tenantId(), Instant.ofEpochMilli(key.slot() * slotMillis), slot.calls.sum(), slot.throttles.sum(),
        slot.tokenFailures.sum(), waits);
  }
}
