package io.spgate.spapi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** One marketplace a seller may sell in, as the Sellers API's getMarketplaceParticipations describes it. */
public record MarketplaceParticipation(String marketplaceId, String countryCode, String name, boolean participating,
    boolean suspendedListings) {

  /** The answer's {@code payload}: {@code [{"marketplace": {...}, "participation": {...}}]}. */
  static List<MarketplaceParticipation> fromPayload(JsonObject answer) {
    JsonArray payload = answer.getJsonArray("payload", new JsonArray());
    List<MarketplaceParticipation> participations = new ArrayList<>(payload.size());
    for (int i = 0; i < payload.size(); i++) {
      JsonObject entry = payload.getJsonObject(i);
      JsonObject marketplace = entry.getJsonObject("marketplace", new JsonObject());
      JsonObject participation = entry.getJsonObject("participation", new JsonObject());
      participations.add(new MarketplaceParticipation(marketplace.getString("id"), marketplace.getString("countryCode"),
          marketplace.getString("name"), participation.getBoolean("isParticipating", false),
          participation.getBoolean("hasSuspendedListings", false)));
    }
    return participations;
  }
}
