package io.spgate.lwa;

import java.time.Duration;

/**
 * When tokens are renewed: {@code refreshLead} before expiry (less up to a quarter of it, as
 * jitter); never handed out with less than {@code minRemaining} left; no longer renewed once a
 * seller has been idle for {@code idleAfter}.
 */
public record TokenPolicy(Duration refreshLead, Duration minRemaining, Duration idleAfter) {}
