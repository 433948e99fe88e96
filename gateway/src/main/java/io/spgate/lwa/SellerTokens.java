package io.spgate.lwa;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.spgate.application.Application;
import io.spgate.application.Applications;
import io.spgate.http.ApiException;
import io.spgate.http.Problem;
import io.spgate.overview.ActivityLog;
import io.spgate.seller.Seller;
import io.spgate.seller.SellerStore;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sellers' LWA access tokens. A token is renewed ahead of its expiry (the policy's lead before it, less
 * a random part of half the lead so thousands of sellers spread out) while the seller is in use, once
 * across all instances; a caller never gets a token with less than the policy's minimum left.
 * {@code invalid_grant} marks the seller reauth_required; LWA outages keep the current token while
 * it is valid and try again with back-off. What this instance holds is bounded: an entry (and its
 * renewal timer) goes when its token expires, when its seller is idle or gone, and, least used first,
 * beyond {@link #MAX_HELD} sellers.
 */
public final class SellerTokens {

  static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
  /** Far above the sellers one instance serves; past it, an evicted seller's token is read from the shared cache again. */
  static final int MAX_HELD = 100_000;

  private static final Logger LOG = LoggerFactory.getLogger(SellerTokens.class);

  private final Vertx vertx;
  private final SharedTokens shared;
  private final LwaClient lwa;
  private final SellerStore sellers;
  private final ActivityLog activity;
  private final Applications applications;
  private final Clock clock;
  private final TokenPolicy policy;
  private final RefreshMetrics metrics;
  private final Cache<UUID, Held> held;
  private final RefreshRecords records;
  private volatile boolean stopped;

  /** The token this instance holds for a seller, when a call last used it, and its renewal timer. */
  private static final class Held {
    final LwaToken token;
    /** The policy's verdict, worked out once: every call reads it. */
    final Instant usableUntil;
    volatile Instant lastUsed;
    volatile long timer = -1;
    volatile Duration backoff = FIRST_BACKOFF;

    Held(LwaToken token, Instant usableUntil, Instant lastUsed) {
      this.token = token;
      this.usableUntil = usableUntil;
      this.lastUsed = lastUsed;
    }
  }

  /**
   * @param activity where failed refreshes are counted for their tenant's overview
   * @param metrics where every refresh at LWA is counted by outcome, for operators' alerts
   */
  public SellerTokens(Vertx vertx, SharedTokens shared, LwaClient lwa, SellerStore sellers, Applications applications, Clock clock,
      TokenPolicy policy, ActivityLog activity, RefreshMetrics metrics) {
    this(vertx, shared, lwa, sellers, applications, clock, policy, activity, metrics, MAX_HELD);
  }

  SellerTokens(Vertx vertx, SharedTokens shared, LwaClient lwa, SellerStore sellers, Applications applications, Clock clock,
      TokenPolicy policy, ActivityLog activity, RefreshMetrics metrics, int maxHeld) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.activity = activity;
    this.shared = shared;
    this.lwa = lwa;
    this.sellers = sellers;
    this.applications = applications;
    this.clock = clock;
    this.policy = policy;
    this.records = new RefreshRecords(vertx, sellers);
    this.held = Caffeine.newBuilder().maximumSize(maxHeld).executor(Runnable::run)
        .expireAfter(Expiry.<UUID, Held>writing((id, entry) -> untilExpiry(entry.token)))
        .<UUID, Held>evictionListener((id, entry, cause) -> {
          if (entry != null) {
            vertx.cancelTimer(entry.timer);
          }
        })
        .build();
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
    Held current = held.getIfPresent(seller.id());
    if (current != null && now.isBefore(current.usableUntil)) {
      current.lastUsed = now;
      return Future.succeededFuture(current.token.accessToken());
    }
    return renew(seller.id(), token -> policy.usable(token, clock.instant()), true).map(LwaToken::accessToken);
  }

  /**
   * Amazon refused a token as expired: forget it here and in the shared cache (there only if it is
   * still that token: another instance may just have stored a fresh one) and get a new one, once.
   */
  public Future<String> afterRejection(Seller seller, String rejected) {
    Held current = held.getIfPresent(seller.id());
    if (current != null && current.token.accessToken().equals(rejected)) {
      drop(seller.id(), current);
    }
    return shared.forget(key(seller.id()), rejected).compose(v -> accessToken(seller));
  }

  /** {@code forCall}: a call is waiting for it, so the seller is in use; a renewal ahead of expiry is not a use. */
  private Future<LwaToken> renew(UUID sellerId, Predicate<LwaToken> usable, boolean forCall) {
    return shared.obtain(key(sellerId), usable, () -> fetch(sellerId))
        .onSuccess(token -> hold(sellerId, token, forCall))
        .recover(e -> handleFailure(sellerId, e));
  }

  private Future<LwaToken> fetch(UUID sellerId) {
    return sellers.refreshCredentials(sellerId).compose(found -> {
      if (found.isEmpty()) {
        drop(sellerId, held.getIfPresent(sellerId));
        return Future.failedFuture(new ApiException(Problem.notFound("Seller " + sellerId + " does not exist.")));
      }
      Application app = applications.byId(found.get().application()).orElseThrow(() -> new ApiException(new Problem(500,
          "application_unknown", "Internal error", "The seller's application is not configured.")));
      return lwa.refresh(app.credentials(), found.get().refreshToken()).andThen(this::count)
          .onSuccess(token -> records.add(new SellerStore.Refreshed(sellerId, clock.instant(), token.expiresAt())));
    });
  }

  private void count(AsyncResult<LwaToken> refresh) {
    if (refresh.succeeded()) {
      metrics.renewed();
    } else if (refresh.cause() instanceof LwaException failure) {
      metrics.failed(failure);
    }
  }

  private void hold(UUID sellerId, LwaToken token, boolean forCall) {
    Instant now = clock.instant();
    Held entry = held.asMap().compute(sellerId, (id, previous) -> {
      if (previous != null) {
        vertx.cancelTimer(previous.timer);
      }
      return new Held(token, policy.usableUntil(token), forCall || previous == null ? now : previous.lastUsed);
    });
    schedule(sellerId, entry, renewalDelay(token, now));
  }

  /**
   * The lead plus up to half of it before expiry, so sellers whose tokens were issued together
   * (a restart, a burst of new sellers) renew spread over the window; for tokens shorter than that,
   * at half their life.
   */
  private Duration renewalDelay(LwaToken token, Instant now) {
    Duration lead = policy.refreshLead(token);
    Duration life = Duration.between(now, token.expiresAt());
    long jitterMillis = ThreadLocalRandom.current().nextLong(lead.toMillis() / 2 + 1);
    Duration delay = life.minus(lead).minusMillis(jitterMillis);
    return delay.compareTo(Duration.ofSeconds(1)) < 0 ? life.dividedBy(2) : delay;
  }

  private void schedule(UUID sellerId, Held entry, Duration delay) {
    vertx.cancelTimer(entry.timer);
    entry.timer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> renewAhead(sellerId, entry));
  }

  /**
   * The instance is shutting down: no more renewals ahead of expiry (the next instance renews when
   * its callers need it), and the refreshes not yet recorded are written while Postgres is still open.
   */
  public Future<Void> stop() {
    stopped = true;
    return records.flush();
  }

  /** The timer fired: renew if the seller is still in use, otherwise let the token go. */
  private void renewAhead(UUID sellerId, Held entry) {
    if (stopped || held.getIfPresent(sellerId) != entry) {
      return;
    }
    if (Duration.between(entry.lastUsed, clock.instant()).compareTo(policy.idleAfter()) > 0) {
      held.asMap().remove(sellerId, entry);
      return;
    }
    // Only a token that outlives ours counts: one another instance renewed, never our own again.
    Instant ours = entry.token.expiresAt().plusSeconds(1);
    renew(sellerId, token -> token.expiresAt().isAfter(ours) && policy.usable(token, clock.instant()), false)
        .onFailure(e -> LOG.debug("Renewal of seller {} failed: {}", sellerId, e.getMessage()));
  }

  private Future<LwaToken> handleFailure(UUID sellerId, Throwable e) {
    if (e instanceof LwaException lwaError && lwaError.invalidGrant()) {
      drop(sellerId, held.getIfPresent(sellerId));
      LOG.warn("Seller {}: LWA refused the refresh token (invalid_grant); marked reauth_required", sellerId);
      return sellers.recordFailure(sellerId, lwaError.getMessage(), true)
          .compose(tenant -> {
            tenant.ifPresent(activity::tokenFailed);
            return shared.forget(key(sellerId));
          })
          .transform(v -> Future.failedFuture(new ApiException(Seller.reauthRequired(sellerId))));
    }
    if (e instanceof LwaException lwaError) {
      return sellers.recordFailure(sellerId, lwaError.getMessage(), false)
          .andThen(recorded -> {
            if (recorded.succeeded()) {
              recorded.result().ifPresent(activity::tokenFailed);
            }
          })
          .transform(v -> keepCurrent(sellerId, lwaError));
    }
    return Future.failedFuture(e);
  }

  /** LWA is down or slow: keep using a still-valid token and retry with growing back-off before it runs out. */
  private Future<LwaToken> keepCurrent(UUID sellerId, LwaException cause) {
    Held entry = held.getIfPresent(sellerId);
    Instant now = clock.instant();
    if (entry == null || !now.isBefore(entry.usableUntil)) {
      return Future.failedFuture(new ApiException(new Problem(503, "lwa_unavailable", "Service unavailable",
          "Login with Amazon did not issue a token for this seller (" + cause.error() + "); retry shortly.")));
    }
    Duration lead = policy.refreshLead(entry.token);
    Duration untilUseless = Duration.between(now, entry.usableUntil);
    Duration wait = entry.backoff.compareTo(untilUseless) < 0 ? entry.backoff : untilUseless.dividedBy(2);
    entry.backoff = entry.backoff.multipliedBy(2).compareTo(lead) > 0 ? lead : entry.backoff.multipliedBy(2);
    LOG.info("Seller {}: LWA refresh failed ({}); keeping the current token, retrying in {} s", sellerId, cause.error(),
        wait.toSeconds());
    schedule(sellerId, entry, wait);
    return Future.succeededFuture(entry.token);
  }

  /** Forgets what this instance holds for the seller, and its renewal timer. */
  private void drop(UUID sellerId, Held entry) {
    if (entry != null && held.asMap().remove(sellerId, entry)) {
      vertx.cancelTimer(entry.timer);
    }
  }

  /** Whether this instance holds a token for the seller (for tests). */
  boolean holds(UUID sellerId) {
    return held.getIfPresent(sellerId) != null;
  }

  /** Sellers this instance holds tokens for, after dropping the expired ones (for tests). */
  long heldCount() {
    held.cleanUp();
    return held.estimatedSize();
  }

  private Duration untilExpiry(LwaToken token) {
    Duration left = Duration.between(clock.instant(), token.expiresAt());
    return left.isNegative() ? Duration.ZERO : left;
  }

  static String key(UUID sellerId) {
    return "seller:" + sellerId;
  }
}
