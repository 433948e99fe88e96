package io.spgate.simulator.lwa;

import io.spgate.simulator.data.DemoWorld;
import io.spgate.simulator.data.Seller;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which refresh tokens still stand for a consent: revoking one makes the next refresh fail with invalid_grant. */
public final class Consents {
  private final DemoWorld world;
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();
  private final SecureRandom random = new SecureRandom();

  public Consents(DemoWorld world) {
    this.world = world;
  }

  public Optional<Seller> sellerOf(String refreshToken) {
    return revoked.contains(refreshToken) ? Optional.empty() : world.sellerByRefreshToken(refreshToken);
  }

  public void revoke(String refreshToken) {
    revoked.add(refreshToken);
  }

  public void revokeSeller(String sellerId) {
    world.seller(sellerId).ifPresent(seller -> revoke(seller.refreshToken()));
  }

  /** A seller consenting again gets a new refresh token; the revoked one stays revoked. */
  public String renew(Seller seller) {
    if (!revoked.contains(seller.refreshToken())) {
      return seller.refreshToken();
    }
    byte[] bytes = new byte[150];
    random.nextBytes(bytes);
    String token = "Atzr|IwEB" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    world.addRefreshToken(token, seller);
    return token;
  }

  public void restoreAll() {
    revoked.clear();
  }
}
