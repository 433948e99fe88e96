package io.spgate.simulator.inventory;

import io.spgate.simulator.SimClock;
import io.spgate.simulator.data.DemoWorld;
import io.spgate.simulator.data.FbaStock;
import io.spgate.simulator.data.Listing;
import io.spgate.simulator.data.SellerStore;
import io.spgate.simulator.http.AmazonErrors;
import io.spgate.simulator.http.SpApiRequest;
import io.spgate.simulator.http.SpApiRoutes;
import io.spgate.simulator.model.validation.InvalidInputException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * FBA Inventory v1 getInventorySummaries (FACTS.md part 2, section 7): the seller's FBA listings in SKU order, 50 a page,
 * those whose stock changed since startDateTime when it is given. The nextToken ({@link InventoryPageToken}) lives 30
 * seconds of the SimClock (a lifetime, not a rate: the time scale leaves it alone) and must come back with the same
 * startDateTime. A page walks the SKUs on from where the last one ended, not the catalogue again from its start.
 */
public final class InventoryApi {
  private static final int PAGE = 50;
  /** "Next token is invalid or expired", as Amazon words it (amzn/selling-partner-api-models#4946); its code, InvalidInput, is UNCONFIRMED. */
  private static final String BAD_TOKEN = "Next token is invalid or expired";

  private final DemoWorld world;
  private final SimClock clock;

  public InventoryApi(DemoWorld world, SimClock clock) {
    this.world = world;
    this.clock = clock;
  }

  public void register(SpApiRoutes routes) {
    routes.serve("fbaInventory", "getInventorySummaries", this::getInventorySummaries);
  }

  private void getInventorySummaries(SpApiRequest request) {
    List<String> marketplaceIds = request.queryList("marketplaceIds");
    request.requireSellerMarketplaces(marketplaceIds);
    String granularityId = request.query("granularityId");
    if (marketplaceIds.size() != 1 || !marketplaceIds.contains(granularityId)) {
      throw new InvalidInputException("granularityId must be the one marketplace of marketplaceIds");
    }
    Instant now = clock.now();
    Optional<Instant> since = startDateTime(request.query("startDateTime"), now);
    String after = null;
    String nextToken = request.query("nextToken");
    if (nextToken != null) {
      Optional<InventoryPageToken> token = InventoryPageToken.decode(nextToken);
      if (token.isEmpty() || token.get().expiredAt(now) || !token.get().granularityId().equals(granularityId)) {
        AmazonErrors.send(request.response(), 400, "InvalidInput", BAD_TOKEN, "");
        return;
      }
      if (!token.get().startDateTime().equals(since)) {
        // What Amazon answers when startDateTime is not sent again with the token is UNCONFIRMED: the token's own refusal.
        AmazonErrors.send(request.response(), 400, "InvalidInput", BAD_TOKEN,
            "startDateTime must be sent again, unchanged, with nextToken");
        return;
      }
      after = token.get().lastSku();
    }
    Set<String> skus = new HashSet<>(request.queryList("sellerSkus"));
    if (request.query("sellerSku") != null) {
      skus.add(request.query("sellerSku"));
    }
    boolean details = "true".equals(request.query("details"));
    SellerStore store = world.store(request.seller());
    Iterator<Listing> listings = (after == null ? store.listings() : store.listings().tailMap(after, false)).values().iterator();
    JsonArray summaries = new JsonArray();
    String last = null;
    boolean more = false;
    while (listings.hasNext() && !more) {
      Listing listing = listings.next();
      if (!listing.fulfilledByAmazon() || !skus.isEmpty() && !skus.contains(listing.sku())) {
        continue;
      }
      FbaStock stock = store.fbaStock(listing);
      if (since.isPresent() && stock.changedAt().isBefore(since.get())) {
        continue;
      }
      if (summaries.size() == PAGE) {
        more = true;
      } else {
        summaries.add(summary(listing, stock, granularityId, details));
        last = listing.sku();
      }
    }
    JsonObject response = new JsonObject().put("payload", new JsonObject()
        .put("granularity", new JsonObject().put("granularityType", "Marketplace").put("granularityId", granularityId))
        .put("inventorySummaries", summaries));
    if (more) {
      response.put("pagination", new JsonObject().put("nextToken",
          new InventoryPageToken(now, since, granularityId, last).encode()));
    }
    request.ok(response);
  }

  /** Changed-since, no earlier than 18 months before now (amzn/selling-partner-api-models#358: 400 InvalidInput). */
  private static Optional<Instant> startDateTime(String value, Instant now) {
    if (value == null) {
      return Optional.empty();
    }
    Instant since;
    try {
      since = OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("Query parameter [startDateTime] value is not a valid ISO date-time object");
    }
    if (since.isBefore(now.atOffset(ZoneOffset.UTC).minusMonths(18).toInstant())) {
      // Amazon's own text reads "Query startDateTime cannot not be earlier than 19" (sic, #358); this one says what is meant.
      throw new InvalidInputException("Query startDateTime cannot be earlier than 18 months before now");
    }
    return Optional.of(since);
  }

  private static JsonObject summary(Listing listing, FbaStock stock, String marketplaceId, boolean details) {
    int fulfillable = stock.fulfillable();
    int reserved = fulfillable / 10;
    JsonObject summary = new JsonObject()
        .put("asin", listing.asin()).put("fnSku", "X00" + listing.asin().substring(3)).put("sellerSku", listing.sku())
        .put("condition", "NewItem").put("lastUpdatedTime", stock.changedAt().toString())
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
}
