package io.spgate.lwa;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When tokens are renewed: {@code refreshLead} before expiry (less up to half of it, as jitter);
 * never handed out with less than {@code minRemaining} left; no longer renewed once a seller has
 * been idle for {@code idleAfter}.
 *
 * <p>Both are clamped to shares of the lifetime LWA actually granted, so that a token shorter than
 * the settings expect (an LWA that issues short tokens, settings made for longer ones) is still
 * used, not refreshed on every call: the lead to a third, so that with its jitter a token is
 * renewed when a third to a half of its life is left and serves at least half of it; the minimum to
 * a sixth, half the lead, so a renewal that fails still has a sixth of the life for retries before
 * calls would wait for a token. Amazon's one-hour tokens leave the defaults (10 minutes, 60 s)
 * untouched. The first clamp is logged, once.
 */
public final class TokenPolicy {

  static final int LEAD_SHARE = 3;
  static final int MIN_REMAINING_SHARE = 6;

  private static final Logger LOG = LoggerFactory.getLogger(TokenPolicy.class);

  private final Duration refreshLead;
  private final Duration minRemaining;
  private final Duration idleAfter;
  private final AtomicBoolean clampLogged = new AtomicBoolean();

  public TokenPolicy(Duration refreshLead, Duration minRemaining, Duration idleAfter) {
    this.refreshLead = refreshLead;
    this.minRemaining = minRemaining;
    this.idleAfter = idleAfter;
  }

  /** How long before its expiry this token is renewed (before jitter). */
  public Duration refreshLead(LwaToken token) {
    return clamped(refreshLead, token, LEAD_SHARE);
  }

  /** Until when the token may be handed out. */
  public Instant usableUntil(LwaToken token) {
    return token.expiresAt().minus(minRemaining(token));
  }

  /** Whether the token may still be handed out at {@code now}. */
  public boolean usable(LwaToken token, Instant now) {
    return now.isBefore(usableUntil(token));
  }

  public Duration idleAfter() {
    return idleAfter;
  }

  /** Less than this left, and the token is no longer handed out. */
  private Duration minRemaining(LwaToken token) {
    return clamped(minRemaining, token, MIN_REMAINING_SHARE);
  }

  private Duration clamped(Duration configured, LwaToken token, int share) {
    Duration limit = token.lifetime().dividedBy(share);
    if (configured.compareTo(limit) <= 0) {
      return configured;
    }
    if (clampLogged.compareAndSet(false, true)) {
      Duration life = token.lifetime();
      LOG.warn("LWA granted a token that lives {} ms, too short for the refresh lead ({} ms) and minimum remaining ({} ms): for "
              + "such tokens they are clamped to at most a third and a sixth of the lifetime ({} ms and {} ms here); logged once",
          life.toMillis(), refreshLead.toMillis(), minRemaining.toMillis(),
          Math.min(refreshLead.toMillis(), life.dividedBy(LEAD_SHARE).toMillis()),
          Math.min(minRemaining.toMillis(), life.dividedBy(MIN_REMAINING_SHARE).toMillis()));
    }
    return limit;
  }
}
