package io.spgate.simulator.lwa;

import io.spgate.simulator.SimClock;
import io.spgate.simulator.data.LwaApplication;
import io.spgate.simulator.data.Seller;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The access tokens and RDTs issued so far. Expired tokens are kept for an hour past expiry, so a call with one is
 * answered "expired" rather than "unknown" and counted: that count is how a test proves a client refreshes in time.
 */
public final class AccessTokens {
  private static final Duration KEEP_EXPIRED = Duration.ofHours(1);

  private final SimClock clock;
  private final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<String, TokenGrant> grants = new ConcurrentHashMap<>();
  private final AtomicLong expiredTokenCalls = new AtomicLong();
  private final ConcurrentHashMap<String, AtomicLong> expiredTokenCallsBySeller = new ConcurrentHashMap<>();
  private volatile int lifetimeSeconds;

  public AccessTokens(SimClock clock, int lifetimeSeconds) {
    this.clock = clock;
    this.lifetimeSeconds = lifetimeSeconds;
  }

  public int lifetimeSeconds() {
    return lifetimeSeconds;
  }

  public void setLifetimeSeconds(int lifetimeSeconds) {
    this.lifetimeSeconds = lifetimeSeconds;
  }

  public String issueForSeller(Seller seller) {
    return issue("Atza|IwEB", new TokenGrant(
        TokenGrant.Kind.SELLER, seller, seller.application(), null, expiry(lifetimeSeconds), List.of()));
  }

  public String issueGrantless(LwaApplication application, String scope) {
    return issue("Atc|MQEB", new TokenGrant(TokenGrant.Kind.GRANTLESS, null, application, scope, expiry(lifetimeSeconds), List.of()));
  }

  public String issueRestrictedDataToken(Seller seller, List<TokenGrant.RestrictedResource> resources, int expiresInSeconds) {
    return issue("Atz.sprdt|IQEB", new TokenGrant(
        TokenGrant.Kind.RESTRICTED_DATA, seller, seller.application(), null, expiry(expiresInSeconds), List.copyOf(resources)));
  }

  public TokenGrant lookup(String token) {
    return token == null ? null : grants.get(token);
  }

  public void recordExpiredUse(TokenGrant grant) {
    expiredTokenCalls.incrementAndGet();
    expiredTokenCallsBySeller.computeIfAbsent(grant.callerId(), k -> new AtomicLong()).incrementAndGet();
  }

  public long expiredTokenCalls() {
    return expiredTokenCalls.get();
  }

  public long expiredTokenCalls(String sellerId) {
    AtomicLong count = expiredTokenCallsBySeller.get(sellerId);
    return count == null ? 0 : count.get();
  }

  /** Ends every token of a seller at once, as revoking consent does. */
  public void expireAllOf(String sellerId) {
    Instant now = clock.now();
    grants.replaceAll((token, grant) -> grant.seller() != null && grant.seller().sellerId().equals(sellerId) && !grant.expiredAt(now)
        ? new TokenGrant(grant.kind(), grant.seller(), grant.application(), grant.scope(), now, grant.restrictedResources())
        : grant);
  }

  public void resetCounters() {
    expiredTokenCalls.set(0);
    expiredTokenCallsBySeller.clear();
  }

  /** Forgets tokens long past expiry so a long run does not grow without bound. */
  public void prune() {
    Instant cutoff = clock.now().minus(KEEP_EXPIRED);
    grants.values().removeIf(grant -> grant.expiresAt().isBefore(cutoff));
  }

  private Instant expiry(int seconds) {
    return clock.now().plusSeconds(seconds);
  }

  private String issue(String prefix, TokenGrant grant) {
    byte[] bytes = new byte[96];
    random.nextBytes(bytes);
    String token = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    grants.put(token, grant);
    return token;
  }
}
