package io.spgate.simulator.inventory;

import io.spgate.simulator.data.DemoWorld;
import io.spgate.simulator.data.Listing;
import io.spgate.simulator.http.SpApiRequest;
import io.spgate.simulator.http.SpApiRoutes;
import io.spgate.simulator.model.validation.InvalidInputException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** FBA Inventory v1 getInventorySummaries: the seller's FBA listings, 50 a page. */
public final class InventoryApi {
  private static final int PAGE = 50;

  private final DemoWorld world;

  public InventoryApi(DemoWorld world) {
    this.world = world;
  }

  public void register(SpApiRoutes routes) {
    routes.serve("fbaInventory", "getInventorySummaries", this::getInventorySummaries);
  }

  private void getInventorySummaries(SpApiRequest request) {
    List<String> marketplaceIds = request.queryList("marketplaceIds");
    request.requireSellerMarketplaces(marketplaceIds);
    String granularityId = request.query("granularityId");
    if (!marketplaceIds.contains(granularityId)) {
      throw new InvalidInputException("granularityId must be one of the requested marketplaceIds");
    }
    List<String> skus = request.queryList("sellerSkus");
    boolean details = "true".equals(request.query("details"));
    List<Listing> fba = new ArrayList<>();
    for (Listing listing : world.store(request.seller()).listings().values()) {
      if (listing.fulfilledByAmazon() && (skus.isEmpty() || skus.contains(listing.sku()))) {
        fba.add(listing);
      }
    }
    int offset = parseToken(request.query("nextToken"));
    JsonArray summaries = new JsonArray();
    for (Listing listing : fba.subList(Math.min(offset, fba.size()), Math.min(offset + PAGE, fba.size()))) {
      summaries.add(summary(listing, granularityId, details));
    }
    JsonObject response = new JsonObject().put("payload", new JsonObject()
        .put("granularity", new JsonObject().put("granularityType", "Marketplace").put("granularityId", granularityId))
        .put("inventorySummaries", summaries));
    if (offset + PAGE < fba.size()) {
      response.put("pagination", new JsonObject().put("nextToken", Integer.toString(offset + PAGE)));
    }
    request.ok(response);
  }

  /** Amazon's stock of an FBA SKU is not the seller's to set; here it is a function of the SKU. */
  static int fulfillable(Listing listing) {
    return Math.floorMod(listing.sku().hashCode(), 300);
  }

  private static JsonObject summary(Listing listing, String marketplaceId, boolean details) {
    int fulfillable = fulfillable(listing);
    int reserved = fulfillable / 10;
    JsonObject summary = new JsonObject()
        .put("asin", listing.asin()).put("fnSku", "X00" + listing.asin().substring(3)).put("sellerSku", listing.sku())
        .put("condition", "NewItem").put("lastUpdatedTime", listing.lastUpdatedDate().toString())
        .put("productName", listing.title(marketplaceId)).put("totalQuantity", fulfillable + reserved);
    if (details) {
      summary.put("inventoryDetails", new JsonObject()
          .put("fulfillableQuantity", fulfillable).put("inboundWorkingQuantity", 0).put("inboundShippedQuantity", 0)
          .put("inboundReceivingQuantity", 0)
          .put("reservedQuantity", new JsonObject().put("totalReservedQuantity", reserved).put("pendingCustomerOrderQuantity", reserved)
              .put("pendingTransshipmentQuantity", 0).put("fcProcessingQuantity", 0))
          .put("researchingQuantity", new JsonObject().put("totalResearchingQuantity", 0)
              .put("researchingQuantityBreakdown", new JsonArray()))
          .put("unfulfillableQuantity", new JsonObject().put("totalUnfulfillableQuantity", 0)));
    }
    return summary;
  }

  private static int parseToken(String token) {
    try {
      return token == null ? 0 : Integer.parseInt(token);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("Invalid nextToken");
    }
  }
}
