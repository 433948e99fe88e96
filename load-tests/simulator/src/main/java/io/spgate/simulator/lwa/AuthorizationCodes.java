package io.spgate.simulator.lwa;

import io.spgate.simulator.data.LwaApplication;
import io.spgate.simulator.data.Seller;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** spapi_oauth_code values from the consent page: single use, valid five minutes. */
public final class AuthorizationCodes {
  public static final Duration LIFETIME = Duration.ofMinutes(5);
  private static final String CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<String, Grant> codes = new ConcurrentHashMap<>();

  record Grant(Seller seller, LwaApplication application, String redirectUri, Instant expiresAt) {}

  public String issue(Seller seller, LwaApplication application, String redirectUri, Instant now) {
    StringBuilder code = new StringBuilder("AN");
    for (int i = 0; i < 18; i++) {
      code.append(CHARS.charAt(random.nextInt(CHARS.length())));
    }
    codes.values().removeIf(g -> g.expiresAt().isBefore(now));
    codes.put(code.toString(), new Grant(seller, application, redirectUri, now.plus(LIFETIME)));
    return code.toString();
  }

  /** Takes the code out whatever happens next: a second exchange of the same code fails, as with LWA. */
  Optional<Grant> redeem(String code, Instant now) {
    Grant grant = code == null ? null : codes.remove(code);
    return grant == null || grant.expiresAt().isBefore(now) ? Optional.empty() : Optional.of(grant);
  }
}
