package io.spgate.lwa;

import io.spgate.application.Application;
import io.spgate.application.Applications;
import io.spgate.http.ApiException;
import io.spgate.http.Problem;
import io.spgate.seller.Seller;
import io.spgate.seller.SellerStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sellers' LWA access tokens. A token is renewed ahead of its expiry ({@code lead} before it, less
 * a random part of half the lead so thousands of sellers spread out) while the seller is in use, once
 * across all instances; a caller never gets a token with less than {@code minRemaining} left.
 * {@code invalid_grant} marks the seller reauth_required; LWA outages keep the current token while
 * it is valid and try again with back-off.
 */
public final class SellerTokens {

  static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(SellerTokens.class);

  private final Vertx vertx;
  private final SharedTokens shared;
  private final LwaClient lwa;
  private final SellerStore sellers;
  private final Applications applications;
  private final Clock clock;
  private final Duration lead;
  private final Duration idleAfter;
  /** No call leaves with a token closer than this to expiry: covers the call's own time and clock skew. */
  private final Duration minRemaining;
  private final Map<UUID, Held> held = new ConcurrentHashMap<>();

  /** The token this instance holds for a seller, when it was last used, and its renewal timer. */
  private static final class Held {
    volatile LwaToken token;
    volatile Instant lastUsed;
    volatile long timer = -1;
    volatile Duration backoff = FIRST_BACKOFF;

    Held(LwaToken token, Instant lastUsed) {
      this.token = token;
      this.lastUsed = lastUsed;
    }
  }

  public SellerTokens(Vertx vertx, SharedTokens shared, LwaClient lwa, SellerStore sellers, Applications applications, Clock clock,
      TokenPolicy policy) {
    this.vertx = vertx;
    this.shared = shared;
    this.lwa = lwa;
    this.sellers = sellers;
    this.applications = applications;
    this.clock = clock;
    this.lead = policy.refreshLead();
    this.idleAfter = policy.idleAfter();
    this.minRemaining = policy.minRemaining();
  }

  /** A valid access token for the seller; fails fast with a problem when the seller cannot call. */
  public Future<String> accessToken(Seller seller) {
    if (seller.status() == Seller.Status.REAUTH_REQUIRED) {
      return Future.failedFuture(new ApiException(Seller.reauthRequired(seller.id())));
    }
    if (seller.status() == Seller.Status.DISABLED) {
      return Future.failedFuture(new ApiException(Problem.conflict("seller_disabled",
          "Seller " + seller.id() + " is disabled; enable it to call SP-API for it.")));
    }
    Instant now = clock.instant();
    Held current = held.get(seller.id());
    if (current != null && current.token.expiresAt().isAfter(now.plus(minRemaining))) {
      current.lastUsed = now;
      return Future.succeededFuture(current.token.accessToken());
    }
    return renew(seller.id(), minRemaining).map(LwaToken::accessToken);
  }

  /**
   * Amazon refused a token as expired: forget it everywhere (unless someone already replaced it)
   * and get a new one, once.
   */
  public Future<String> afterRejection(Seller seller, String rejected) {
    Held current = held.get(seller.id());
    Future<Void> forgotten = current != null && !current.token.accessToken().equals(rejected)
        ? Future.succeededFuture() : shared.forget(key(seller.id()));
    if (current != null && current.token.accessToken().equals(rejected)) {
      held.remove(seller.id(), current);
      vertx.cancelTimer(current.timer);
    }
    return forgotten.compose(v -> accessToken(seller));
  }

  private Future<LwaToken> renew(UUID sellerId, Duration minRemaining) {
    return shared.obtain(key(sellerId), minRemaining, () -> fetch(sellerId))
        .onSuccess(token -> hold(sellerId, token))
        .recover(e -> handleFailure(sellerId, e));
  }

  private Future<LwaToken> fetch(UUID sellerId) {
    return sellers.byId(sellerId).compose(found -> {
      Seller seller = found.orElseThrow(() -> new ApiException(Problem.notFound("Seller " + sellerId + " does not exist.")));
      Application app = applications.byId(seller.application()).orElseThrow(() -> new ApiException(new Problem(500,
          "application_unknown", "Internal error", "The seller's application is not configured.")));
      return sellers.refreshToken(sellerId)
          .compose(refreshToken -> lwa.refresh(app.credentials(), refreshToken))
          .compose(token -> sellers.recordRefresh(sellerId, token.expiresAt()).map(token));
    });
  }

  private void hold(UUID sellerId, LwaToken token) {
    Instant now = clock.instant();
    Held entry = held.compute(sellerId, (id, existing) -> {
      if (existing == null) {
        return new Held(token, now);
      }
      existing.token = token;
      existing.lastUsed = now;
      existing.backoff = FIRST_BACKOFF;
      return existing;
    });
    schedule(sellerId, entry, renewalDelay(token, now));
  }

  /**
   * {@code lead} plus up to half of it before expiry, so sellers whose tokens were issued together
   * (a restart, a burst of new sellers) renew spread over the window; for tokens shorter than that,
   * at half their life.
   */
  private Duration renewalDelay(LwaToken token, Instant now) {
    Duration life = Duration.between(now, token.expiresAt());
    long jitterMillis = ThreadLocalRandom.current().nextLong(lead.toMillis() / 2 + 1);
    Duration delay = life.minus(lead).minusMillis(jitterMillis);
    return delay.compareTo(Duration.ofSeconds(1)) < 0 ? life.dividedBy(2) : delay;
  }

  private void schedule(UUID sellerId, Held entry, Duration delay) {
    vertx.cancelTimer(entry.timer);
    entry.timer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> renewAhead(sellerId, entry));
  }

  /** The timer fired: renew if the seller is still in use, otherwise let the token lapse. */
  private void renewAhead(UUID sellerId, Held entry) {
    if (Duration.between(entry.lastUsed, clock.instant()).compareTo(idleAfter) > 0) {
      held.remove(sellerId, entry);
      return;
    }
    // Only a token that outlives ours counts: one another instance renewed, never our own again.
    Duration ours = Duration.between(clock.instant(), entry.token.expiresAt()).plusSeconds(1);
    renew(sellerId, ours).onFailure(e -> LOG.debug("Renewal of seller {} failed: {}", sellerId, e.getMessage()));
  }

  private Future<LwaToken> handleFailure(UUID sellerId, Throwable e) {
    if (e instanceof LwaException lwaError && lwaError.invalidGrant()) {
      Held gone = held.remove(sellerId);
      if (gone != null) {
        vertx.cancelTimer(gone.timer);
      }
      LOG.warn("Seller {}: LWA refused the refresh token (invalid_grant); marked reauth_required", sellerId);
      return sellers.recordFailure(sellerId, lwaError.getMessage(), true)
          .compose(v -> shared.forget(key(sellerId)))
          .transform(v -> Future.failedFuture(new ApiException(Seller.reauthRequired(sellerId))));
    }
    if (e instanceof LwaException lwaError) {
      return sellers.recordFailure(sellerId, lwaError.getMessage(), false).transform(v -> keepCurrent(sellerId, lwaError));
    }
    return Future.failedFuture(e);
  }

  /** LWA is down or slow: keep using a still-valid token and retry with growing back-off before it runs out. */
  private Future<LwaToken> keepCurrent(UUID sellerId, LwaException cause) {
    Held entry = held.get(sellerId);
    Instant now = clock.instant();
    if (entry == null || !entry.token.expiresAt().isAfter(now.plus(minRemaining))) {
      return Future.failedFuture(new ApiException(new Problem(503, "lwa_unavailable", "Service unavailable",
          "Login with Amazon did not issue a token for this seller (" + cause.error() + "); retry shortly.")));
    }
    Duration untilUseless = Duration.between(now, entry.token.expiresAt().minus(minRemaining));
    Duration wait = entry.backoff.compareTo(untilUseless) < 0 ? entry.backoff : untilUseless.dividedBy(2);
    entry.backoff = entry.backoff.multipliedBy(2).compareTo(lead) > 0 ? lead : entry.backoff.multipliedBy(2);
    LOG.info("Seller {}: LWA refresh failed ({}); keeping the current token, retrying in {} s", sellerId, cause.error(),
        wait.toSeconds());
    schedule(sellerId, entry, wait);
    return Future.succeededFuture(entry.token);
  }


  static String key(UUID sellerId) {
    return "seller:" + sellerId;
  }
}
