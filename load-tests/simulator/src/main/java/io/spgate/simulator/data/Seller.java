package io.spgate.simulator.data;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A demo selling partner who has authorised {@code application}; {@code refreshToken} is what that consent produced. */
public record Seller(
    int index, String sellerId, Region region, List<Marketplace> marketplaces, String refreshToken, LwaApplication application) {

  public boolean sellsIn(String marketplaceId) {
    return marketplaces.stream().anyMatch(m -> m.id().equals(marketplaceId));
  }

  public Marketplace homeMarketplace() {
    return marketplaces.get(0);
  }

  public List<String> marketplaceIds() {
    return marketplaces.stream().map(Marketplace::id).toList();
  }

  /** The shape of GET /_sim/sellers and of the credentials file. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("sellerId", sellerId)
        .put("region", region.code())
        .put("marketplaceIds", new JsonArray(marketplaceIds()))
        .put("refreshToken", refreshToken)
        .put("clientId", application.clientId())
        .put("clientSecret", application.clientSecret())
        .put("applicationId", application.applicationId());
  }
}
