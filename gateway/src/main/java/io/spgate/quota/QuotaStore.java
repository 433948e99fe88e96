package io.spgate.quota;

import io.vertx.core.Future;
import java.util.List;

/** Where buckets live: Redis (shared by every instance) or this process. Same GCRA semantics in both. */
public interface QuotaStore {

  /** The place of a caller that holds none in a bucket's bulk line: every caller's first ask. */
  double NO_PLACE = Double.NaN;

  /**
   * The answer to one ask. {@code GO}: the slot {@code waitMillis} away is the caller's, and the
   * call may still leave up to {@code leaveWithinMillis} after it ({@link #leaveWithin}); later it
   * must ask for another. {@code REFUSED}: the slot, or the place in the bulk line, lies {@code
   * waitMillis} away, beyond the caller's limit; nothing was reserved. {@code IN_LINE} (bulk calls
   * only): the caller holds {@code place} in the bucket's bulk line and asks again, with that
   * place, in {@code waitMillis}.
   */
  record Decision(Verdict verdict, long waitMillis, double place, long leaveWithinMillis, long arriveWithinMillis) {

    public enum Verdict { GO, REFUSED, IN_LINE }

    /** Without a bound ({@link #leaveWithin} with no allowance), both are {@link Long#MAX_VALUE}. */
    static Decision go(double waitMillis, double leaveWithinMillis, double arriveWithinMillis) {
      return new Decision(Verdict.GO, (long) Math.ceil(waitMillis), NO_PLACE, millis(leaveWithinMillis), millis(arriveWithinMillis));
    }

    static Decision refused(double waitMillis) {
      return new Decision(Verdict.REFUSED, (long) Math.ceil(waitMillis), NO_PLACE, 0, 0);
    }

    static Decision inLine(double waitMillis, double place) {
      return new Decision(Verdict.IN_LINE, (long) Math.ceil(waitMillis), place, 0, 0);
    }

    private static long millis(double bound) {
      return bound == Double.POSITIVE_INFINITY ? Long.MAX_VALUE : (long) Math.floor(bound);
    }

    public boolean granted() {
      return verdict == Verdict.GO;
    }
  }

  /**
   * Grants the next slot of a bucket (reserving it) when it comes within {@code maxWaitMillis};
   * a refusal reserves nothing.
   *
   * <p>Bulk calls hold no slot further ahead than {@link #bulkHorizon}, so an urgent call never
   * waits behind more than about one interval of bulk work. A bulk call whose slot lies beyond
   * takes the next place in the bucket's bulk line (one interval per place; refused at once when
   * that place lies beyond its limit) and asks again with {@code place} when its turn is near.
   * Places follow one another, so each caller in line asks again about once, in order; slots that
   * other lanes take meanwhile push the whole line back.
   *
   * @param place the caller's place in the bulk line from an {@code IN_LINE} decision, else {@link #NO_PLACE}
   */
  Future<Decision> decide(String key, double intervalMillis, int burst, long maxWaitMillis, Lane lane, double place);

  /**
   * Empties the bucket (Amazon said 429), and with {@code aheadMillis} > 0 also keeps that far ahead
   * for slots granted elsewhere: its next slot comes an interval after them.
   */
  Future<Void> drain(String key, double intervalMillis, int burst, double aheadMillis);

  /**
   * A call's answer came {@code lateMillis} after the call had to reach Amazon ({@link #arriveWithin}),
   * so it may have reached Amazon that late, while Amazon's bucket was full and let refill go to
   * waste that ours counted on: ours is pushed back by as much (one interval at most: a call costs
   * Amazon's bucket no more than its token), so that the two agree again before the difference
   * turns into a 429.
   */
  Future<Void> arrivedLate(String key, double intervalMillis, double lateMillis);

  /**
   * Remembers the rate Amazon announced (x-amzn-RateLimit-Limit), which overrides the table's for
   * an hour; the bucket's debt is converted to the new rate.
   */
  Future<Void> announceRate(String key, double intervalMillis, double ratePerSecond);

  /**
   * A bucket as the console shows it: tokens available now, the rate in force and whether Amazon
   * announced it (else it is the rate table's), and the callers of every instance waiting for a
   * slot (those holding slots reserved past an empty bucket, and the bulk line's places still ahead).
   */
  record State(double tokens, double ratePerSecond, boolean announced, int waiting) {}

  Future<State> state(String key, double intervalMillis, int burst);

  /**
   * Those of {@code keys} that hold a bucket now, in their order: one look-up over keys the
   * caller names (one owner's, which share a hash tag), never a scan of the store's keys, and no
   * bucket is created.
   */
  Future<List<String>> existing(List<String> keys);

  /**
   * The part of Amazon's bucket a store hands out: all of it but {@link #keptBackMillis}. Calls leave
   * on their slots but reach Amazon after varying delays (queues, networks, a busy host), which can
   * bring calls closer than the refill allows; with that much always left in Amazon's bucket, a call
   * up to {@code allowanceMillis} late still finds a token. It costs the allowance's worth of calls
   * per bucket once, not a share of the rate.
   */
  static double capacity(int burst, double intervalMillis, double allowanceMillis) {
    return burst - keptBackMillis(burst, intervalMillis, allowanceMillis) / intervalMillis;
  }

  /**
   * The refill of Amazon's bucket a store leaves unused: the allowance, up to all but one token of the
   * burst. At five calls a second with a burst of 5 the default 1 s is capped at 4 tokens (800 ms): a cap of
   * one token would leave only 200 ms, and a busy host delays calls by more. A bucket of one token keeps nothing back:
   * Amazon's could not hold it, so it would cost every call.
   */
  static double keptBackMillis(int burst, double intervalMillis, double allowanceMillis) {
    return burst > 1 ? Math.min(allowanceMillis, (burst - 1) * intervalMillis) : 0;
  }

  /**
   * How long after its slot a call may still leave. Amazon's bucket keeps the refill of {@link
   * #keptBackMillis} more than ours ({@link #capacity}) whenever ours had tokens, so a call is safe while it
   * reaches Amazon within (Amazon's burst − our tokens just before its slot) intervals of its slot:
   * that keep-back for a call into a full bucket, up to (burst − 1) intervals more for one that
   * waited for its token. Later, Amazon's bucket may have been full meanwhile and let refill go to
   * waste that ours counted on. Half the keep-back is for the way to Amazon, so a call leaves within
   * the other half plus what waiting gave it. A bucket of one token keeps nothing back: its calls get
   * half of min(interval, allowance), unguaranteed. With no allowance nothing is kept back and departures
   * are not bounded.
   *
   * @param tatMillis the bucket's theoretical arrival time before this call (at least now)
   */
  static double leaveWithin(int burst, double intervalMillis, double allowanceMillis, double tatMillis, double slotMillis) {
    if (allowanceMillis <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    double half = halfKeptBack(burst, intervalMillis, allowanceMillis);
    return burst > 1 ? Math.max(0, half + tatMillis - slotMillis) : half;
  }

  /**
   * How long after its slot a call may reach Amazon without loss: {@link #leaveWithin} plus the half
   * of the keep-back left for the way there.
   */
  static double arriveWithin(double leaveWithinMillis, int burst, double intervalMillis, double allowanceMillis) {
    return leaveWithinMillis + halfKeptBack(burst, intervalMillis, allowanceMillis);
  }

  /** Half the keep-back, each half for one leg of a call (leaving, reaching Amazon); for a bucket of one token, half of one interval's. */
  private static double halfKeptBack(int burst, double intervalMillis, double allowanceMillis) {
    return (burst > 1 ? keptBackMillis(burst, intervalMillis, allowanceMillis) : Math.min(intervalMillis, allowanceMillis)) / 2;
  }

  /** Tokens a bulk caller leaves in the bucket while urgent calls are recent. */
  static double bulkReserve(int burst) {
    return Math.max(burst * 0.25, 0.5);
  }

  /**
   * How far ahead of now a bulk call may hold a slot: as far as the reserve it leaves urgent calls
   * covers, or the jitter allowance, whichever is more, and half an interval at most. An urgent
   * call then waits at most one interval once urgent calls are recent (bulk leaves at least half
   * a token), and the first one at most the allowance more. A bulk caller asks again that long
   * before its turn, so its own lateness up to then (timers, a busy host) loses no slot.
   */
  static double bulkHorizon(double intervalMillis, double reserve, double allowanceMillis) {
    return Math.min(intervalMillis / 2, Math.max(reserve * intervalMillis, allowanceMillis));
  }
}
