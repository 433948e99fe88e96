package io.spgate.overview;

import io.spgate.seller.Seller;
import io.spgate.seller.SellerStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * A tenant's overview for the console: its sellers by status, and its SP-API calls and failed token
 * refreshes over the last hour, slot by slot, as every instance wrote them plus what this one has not written yet.
 */
final class Overview {

  static final Duration SHOWN = Duration.ofHours(1);
  private static final double P99 = 0.99;

  private final SellerStore sellers;
  private final ActivityStore store;
  private final ActivityLog log;
  private final LongSupplier clockMillis;

  Overview(SellerStore sellers, ActivityStore store, ActivityLog log, LongSupplier clockMillis) {
    this.sellers = sellers;
    this.store = store;
    this.log = log;
    this.clockMillis = clockMillis;
  }

  Future<JsonObject> of(UUID tenantId) {
    long slotMillis = log.slotMillis();
    // The slots shown: the last hour's that have ended, oldest first.
    long end = clockMillis.getAsLong() / slotMillis * slotMillis;
    int count = (int) (SHOWN.toMillis() / slotMillis);
    Instant from = Instant.ofEpochMilli(end - count * slotMillis);
    return Future.all(sellers.counts(tenantId), store.since(tenantId, from)).map(both -> {
      SellerStore.Counts counts = both.resultAt(0);
      List<SlotCounts> written = both.resultAt(1);
      Map<Instant, SlotCounts> slots = new HashMap<>();
      for (SlotCounts slot : written) {
        slots.merge(slot.start(), slot, SlotCounts::plus);
      }
      for (SlotCounts slot : log.unwritten(tenantId)) {
        slots.merge(slot.start(), slot, SlotCounts::plus);
      }
      JsonArray points = new JsonArray();
      SlotCounts hour = empty(tenantId, from);
      SlotCounts last = hour;
      for (int i = 0; i < count; i++) {
        Instant start = from.plusMillis(i * slotMillis);
        last = slots.getOrDefault(start, empty(tenantId, start));
        hour = hour.plus(last);
        points.add(figures(last, slotMillis).put("at", start.toString()));
      }
      return new JsonObject()
          .put("sellers", sellers(counts))
          .put("now", figures(last, slotMillis))
          .put("lastHour", new JsonObject().put("calls", hour.calls()).put("throttles", hour.throttles())
              .put("tokenFailures", hour.tokenFailures()).put("quotaWaitP99Ms", p99(hour)))
          .put("history", new JsonObject().put("slotSeconds", slotMillis / 1000).put("points", points));
    });
  }

  private static JsonObject sellers(SellerStore.Counts counts) {
    Map<Seller.Status, Long> by = counts.byStatus();
    return new JsonObject()
        .put("total", by.values().stream().mapToLong(Long::longValue).sum())
        .put("active", by.getOrDefault(Seller.Status.ACTIVE, 0L))
        .put("reauthRequired", by.getOrDefault(Seller.Status.REAUTH_REQUIRED, 0L))
        .put("disabled", by.getOrDefault(Seller.Status.DISABLED, 0L))
        .put("tokenErrors", counts.tokenErrors());
  }

  private static JsonObject figures(SlotCounts slot, long slotMillis) {
    return new JsonObject().put("calls", slot.calls()).put("callsPerSecond", slot.calls() * 1000.0 / slotMillis)
        .put("throttles", slot.throttles()).put("tokenFailures", slot.tokenFailures()).put("quotaWaitP99Ms", p99(slot));
  }

  private static Double p99(SlotCounts slot) {
    OptionalDouble p99 = WaitBuckets.percentile(slot.waits(), P99);
    return p99.isPresent() ? p99.getAsDouble() : null;
  }

  private static SlotCounts empty(UUID tenantId, Instant start) {
    return new SlotCounts(tenantId, start, 0, 0, 0, new long[WaitBuckets.COUNT]);
  }
}
