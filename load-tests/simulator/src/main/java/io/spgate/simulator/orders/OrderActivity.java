package io.spgate.simulator.orders;

import io.spgate.simulator.SimClock;
import io.spgate.simulator.data.DemoWorld;
import io.spgate.simulator.data.Order;
import io.spgate.simulator.data.SeededIds;
import io.spgate.simulator.data.Seller;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Buyers and fulfilment at work, for tests, the demo and benchmarks: new orders for random sellers at a rate across all
 * sellers (per simulated second, so K times faster at time scale K), each then moving on by itself: Pending, then
 * Unshipped, then Shipped (by the seller for MFN, with a package, as through Seller Central; by Amazon for AFN), or
 * Canceled while pending. Every step is a change through {@link OrderChanges}: a later lastUpdatedTime, a log entry and
 * ORDER_CHANGE. A step is skipped when the order is no longer where the step starts (someone else moved it, e.g. the
 * seller confirmed the shipment). The seller, the order's fate and its delays are drawn from the seed, in order.
 */
public final class OrderActivity {
  private static final long TICK_MILLIS = 20;
  /** At most this many orders placed by one tick, so a long pause (GC, a stopped debugger) does not flood afterwards. */
  private static final int MAX_PER_TICK = 10_000;
  private static final double CANCELED_SHARE = 0.05;
  /** Simulated times: pending for 30 s to 5 min; shipped 2 to 30 min after that. */
  private static final long PENDING_MIN_MS = 30_000;
  private static final long PENDING_SPAN_MS = 270_000;
  private static final long SHIPPING_MIN_MS = 120_000;
  private static final long SHIPPING_SPAN_MS = 1_680_000;

  /** One step due at {@code dueNanos}: the order moves from {@code from} to {@code to}. */
  private record Step(long dueNanos, long sequence, Seller seller, String orderId, String from, String to) {}

  private final Vertx vertx;
  private final DemoWorld world;
  private final SimClock clock;
  private final OrderChanges changes;
  private final SplittableRandom random;
  private final PriorityQueue<Step> due = new PriorityQueue<>(Comparator.comparingLong(Step::dueNanos).thenComparingLong(Step::sequence));
  private double ratePerSecond;
  private double owed;
  private long lastTickNanos;
  private long timer = -1;
  private long steps;
  private long placed;
  private long advanced;
  private long skipped;

  public OrderActivity(Vertx vertx, DemoWorld world, SimClock clock, OrderChanges changes, long seed, double ratePerSecond) {
    this.vertx = vertx;
    this.world = world;
    this.clock = clock;
    this.changes = changes;
    this.random = new SplittableRandom(SeededIds.mix(seed ^ 0x6F72646572L));
    setRate(ratePerSecond);
  }

  /** Orders per simulated second across all sellers; 0 stops new orders (those under way still move on). */
  public synchronized void setRate(double ratePerSecond) {
    if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("the order rate must be 0 or more, got " + ratePerSecond);
    }
    this.ratePerSecond = ratePerSecond;
    if (timer < 0 && ratePerSecond > 0) {
      lastTickNanos = clock.nanoTime();
      timer = vertx.setPeriodic(TICK_MILLIS, id -> tick());
    }
  }

  /** Ends the activity at once: no new orders, and the steps under way are dropped (their orders stay as they are). */
  public synchronized void freeze() {
    ratePerSecond = 0;
    owed = 0;
    due.clear();
    stop();
  }

  public synchronized double rate() {
    return ratePerSecond;
  }

  public synchronized void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  public synchronized JsonObject toJson() {
    return new JsonObject().put("ratePerSecond", ratePerSecond).put("placed", placed).put("advanced", advanced)
        .put("skipped", skipped).put("pending", due.size());
  }

  private synchronized void tick() {
    long now = clock.nanoTime();
    owed += ratePerSecond * clock.timeScale() * (now - lastTickNanos) / 1e9;
    lastTickNanos = now;
    int toPlace = (int) Math.min(MAX_PER_TICK, Math.floor(owed));
    owed = Math.min(owed - toPlace, MAX_PER_TICK);
    for (int i = 0; i < toPlace; i++) {
      place(now);
    }
    while (!due.isEmpty() && due.peek().dueNanos() <= now) {
      Step step = due.poll();
      boolean[] moved = {false};
      changes.change(step.seller(), step.orderId(), order -> {
        if (!order.orderStatus().equals(step.from())) {
          return order;
        }
        moved[0] = true;
        return OrderChanges.withStatus(order, step.to(), clock.now());
      }, OrderChanges.STATUS_CHANGE);
      if (moved[0]) {
        advanced++;
      } else {
        skipped++;
      }
    }
    if (ratePerSecond == 0 && due.isEmpty()) {
      stop();
    }
  }

  private void place(long now) {
    Seller seller = world.sellers().get(random.nextInt(world.sellers().size()));
    boolean canceled = random.nextDouble() < CANCELED_SHARE;
    long pending = scaledNanos(PENDING_MIN_MS + random.nextLong(PENDING_SPAN_MS));
    long shipping = scaledNanos(SHIPPING_MIN_MS + random.nextLong(SHIPPING_SPAN_MS));
    Order order = changes.place(seller, "Pending", null);
    placed++;
    if (canceled) {
      schedule(now + pending, seller, order, "Pending", "Canceled");
    } else {
      schedule(now + pending, seller, order, "Pending", "Unshipped");
      schedule(now + pending + shipping, seller, order, "Unshipped", "Shipped");
    }
  }

  private void schedule(long dueNanos, Seller seller, Order order, String from, String to) {
    due.add(new Step(dueNanos, steps++, seller, order.amazonOrderId(), from, to));
  }

  private long scaledNanos(long simulatedMillis) {
    return Math.round(simulatedMillis / clock.timeScale() * 1_000_000);
  }
}
