package io.spgate.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock a test moves forward: an hour of a receiver's outage passes in an instant. */
final class MovableClock extends Clock {

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  MovableClock(Instant start) {
    this(new AtomicReference<>(start), ZoneOffset.UTC);
  }

  private MovableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  void set(Instant to) {
    now.set(to);
  }

  void advance(Duration by) {
    now.updateAndGet(t -> t.plus(by));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same moving instant seen in another zone: moving either moves both. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new MovableClock(now, zone);
  }
}
