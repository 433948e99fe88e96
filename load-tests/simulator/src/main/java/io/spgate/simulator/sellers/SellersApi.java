package io.spgate.simulator.sellers;

import io.spgate.simulator.data.Marketplace;
import io.spgate.simulator.http.SpApiRequest;
import io.spgate.simulator.http.SpApiRoutes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Sellers API v1: getMarketplaceParticipations, the cheapest call a client makes to check a seller's token. */
public final class SellersApi {
  private static final String API = "sellers";

  public void register(SpApiRoutes routes) {
    routes.serve(API, "getMarketplaceParticipations", this::getMarketplaceParticipations);
  }

  private void getMarketplaceParticipations(SpApiRequest request) {
    JsonArray list = new JsonArray();
    for (Marketplace mp : request.seller().marketplaces()) {
      list.add(new JsonObject()
          .put("marketplace", new JsonObject()
              .put("id", mp.id())
              .put("name", "Amazon." + mp.domain().substring("www.amazon.".length()))
              .put("countryCode", mp.countryCode())
              .put("defaultCurrencyCode", mp.currency())
              .put("defaultLanguageCode", mp.languageTag())
              .put("domainName", mp.domain()))
          .put("participation", new JsonObject().put("isParticipating", true).put("hasSuspendedListings", false))
          .put("storeName", "Store " + request.seller().sellerId()));
    }
    request.okPayload(list);
  }
}
