package io.spgate.simulator.notifications;

import io.spgate.simulator.data.SeededIds;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What delivery through standard SQS does to notifications (FACTS.md part 2, section 4): at least once, so some arrive
 * two to ten times with the same NotificationId, possibly later; out of order; and some never arrive. Each message's fate
 * is a function of the seed and its number, so a run with the same seed and the same messages meets the same traps.
 * Forced fates ({@code dropNext}, {@code duplicateNext}, {@code delayNextMillis}) come before the drawn ones, so a test
 * gets exactly the trap it wants. Delays are in ms before the time scale.
 */
public final class DeliveryTraps {
  public static final int MIN_COPIES = 2;
  public static final int MAX_COPIES = 10;
  private static final int MAX_FORCED_COPIES = 100;

  /** The fate of one message: its NotificationId and the delay of each copy sent (none: dropped). */
  public record Plan(String notificationId, List<Long> copyDelaysMillis) {
    public boolean dropped() {
      return copyDelaysMillis.isEmpty();
    }
  }

  private enum Kind { DROP, DUPLICATE, DELAY }

  /** A forced fate for the next message(s) of a type (null: of any type); {@code value} is a count, copies or ms. */
  private record Forced(Kind kind, String notificationType, long value) {
    JsonObject toJson() {
      String key = switch (kind) {
        case DROP -> "dropNext";
        case DUPLICATE -> "duplicateNext";
        case DELAY -> "delayNextMillis";
      };
      JsonObject json = new JsonObject().put(key, value);
      return notificationType == null ? json : json.put("notificationType", notificationType);
    }
  }

  private final long seed;
  private final AtomicLong messages = new AtomicLong();
  private volatile double duplicateRate;
  private volatile double dropRate;
  private volatile long maxDelayMillis;
  private final Deque<Forced> forced = new ArrayDeque<>();
  private final LongAdder published = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder duplicated = new LongAdder();
  private final LongAdder delayed = new LongAdder();

  public DeliveryTraps(long seed, double duplicateRate, long maxDelayMillis, double dropRate) {
    this.seed = seed;
    setDuplicateRate(duplicateRate);
    setMaxDelayMillis(maxDelayMillis);
    setDropRate(dropRate);
  }

  /** The fate of the next message of this type. */
  public Plan plan(String notificationType) {
    long n = messages.getAndIncrement();
    long draw = SeededIds.mix(seed ^ SeededIds.mix(n + 1));
    String notificationId = new UUID(SeededIds.mix(draw ^ 0x5DEECE66DL), SeededIds.mix(draw + 0xBL)).toString();
    published.increment();
    Forced fate = takeForced(notificationType);
    if (fate != null ? fate.kind() == Kind.DROP : unit(draw, 1) < dropRate) {
      dropped.increment();
      return new Plan(notificationId, List.of());
    }
    int copies = 1;
    if (fate != null && fate.kind() == Kind.DUPLICATE) {
      copies = (int) fate.value();
    } else if (fate == null && unit(draw, 2) < duplicateRate) {
      copies = MIN_COPIES + (int) Long.remainderUnsigned(SeededIds.mix(draw + 3), MAX_COPIES - MIN_COPIES + 1);
    }
    duplicated.add(copies - 1L);
    List<Long> delays = new ArrayList<>(copies);
    long bound = maxDelayMillis;
    for (int k = 0; k < copies; k++) {
      long delay = k == 0 && fate != null && fate.kind() == Kind.DELAY ? fate.value()
          : bound > 0 ? Long.remainderUnsigned(SeededIds.mix(draw + 10 + k), bound + 1) : 0;
      if (delay > 0) {
        delayed.increment();
      }
      delays.add(delay);
    }
    return new Plan(notificationId, List.copyOf(delays));
  }

  /** A uniform draw in [0, 1), the {@code k}-th of this message. */
  private static double unit(long draw, int k) {
    return (SeededIds.mix(draw + k) >>> 11) * 0x1.0p-53;
  }

  private synchronized Forced takeForced(String notificationType) {
    for (var it = forced.iterator(); it.hasNext(); ) {
      Forced f = it.next();
      if (f.notificationType() == null || f.notificationType().equals(notificationType)) {
        it.remove();
        if (f.kind() == Kind.DROP && f.value() > 1) {
          forced.addFirst(new Forced(Kind.DROP, f.notificationType(), f.value() - 1));
        }
        return f;
      }
    }
    return null;
  }

  public void setDuplicateRate(double rate) {
    this.duplicateRate = fraction("duplicateRate", rate);
  }

  public void setDropRate(double rate) {
    this.dropRate = fraction("dropRate", rate);
  }

  public void setMaxDelayMillis(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("maxDelayMillis must be 0 or more");
    }
    this.maxDelayMillis = millis;
  }

  /**
   * Applies the fields present: {@code duplicateRate}, {@code dropRate}, {@code maxDelayMillis}; forced fates
   * {@code dropNext} (how many messages), {@code duplicateNext} (how many copies of the next one), {@code delayNextMillis},
   * for messages of {@code notificationType} if given; {@code clearForced} drops the forced fates not yet used.
   */
  public void apply(JsonObject json) {
    if (json.containsKey("duplicateRate")) {
      setDuplicateRate(json.getDouble("duplicateRate"));
    }
    if (json.containsKey("dropRate")) {
      setDropRate(json.getDouble("dropRate"));
    }
    if (json.containsKey("maxDelayMillis")) {
      setMaxDelayMillis(json.getLong("maxDelayMillis"));
    }
    String type = json.getString("notificationType");
    List<Forced> add = new ArrayList<>();
    if (json.containsKey("dropNext")) {
      add.add(new Forced(Kind.DROP, type, between("dropNext", json.getLong("dropNext"), 1, 1_000_000)));
    }
    if (json.containsKey("duplicateNext")) {
      add.add(new Forced(Kind.DUPLICATE, type, between("duplicateNext", json.getLong("duplicateNext"), 1, MAX_FORCED_COPIES)));
    }
    if (json.containsKey("delayNextMillis")) {
      add.add(new Forced(Kind.DELAY, type, between("delayNextMillis", json.getLong("delayNextMillis"), 0, 86_400_000)));
    }
    synchronized (this) {
      if (json.getBoolean("clearForced", false)) {
        forced.clear();
      }
      forced.addAll(add);
    }
  }

  public synchronized JsonObject toJson() {
    JsonArray pending = new JsonArray();
    forced.forEach(f -> pending.add(f.toJson()));
    return new JsonObject()
        .put("duplicateRate", duplicateRate).put("dropRate", dropRate).put("maxDelayMillis", maxDelayMillis)
        .put("forced", pending).put("counters", counters());
  }

  public JsonObject counters() {
    return new JsonObject().put("published", published.sum()).put("dropped", dropped.sum()).put("duplicated", duplicated.sum())
        .put("delayed", delayed.sum());
  }

  public long dropped() {
    return dropped.sum();
  }

  public long duplicated() {
    return duplicated.sum();
  }

  /** Counters back to zero and the messages' numbering from the start, so a run after a reset repeats (forced fates stay). */
  public void reset() {
    messages.set(0);
    published.reset();
    dropped.reset();
    duplicated.reset();
    delayed.reset();
  }

  private static double fraction(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
    }
    return value;
  }

  private static long between(String name, Long value, long min, long max) {
    if (value == null || value < min || value > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }
}
