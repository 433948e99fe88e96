package io.spgate.simulator.pricing;

import io.spgate.simulator.data.DemoWorld;
import io.spgate.simulator.data.Listing;
import io.spgate.simulator.data.Marketplace;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.http.SpApiRequest;
import io.spgate.simulator.http.SpApiRoutes;
import io.spgate.simulator.model.validation.InvalidInputException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Product Pricing batches: getItemOffersBatch (v0), getCompetitiveSummary and getFeaturedOfferExpectedPriceBatch
 * (2022-05-01). Each batch entry gets its own status, as Amazon answers batches: one bad entry does not fail the rest.
 */
public final class PricingApi {
  private static final Pattern ITEM_OFFERS_URI = Pattern.compile("/products/pricing/v0/items/([^/]+)/offers");

  private final DemoWorld world;
  private final CompetingOffers offers;

  public PricingApi(DemoWorld world) {
    this.world = world;
    this.offers = new CompetingOffers(world);
  }

  public void register(SpApiRoutes routes) {
    routes.serve("productPricingV0", "getItemOffersBatch", this::getItemOffersBatch);
    routes.serve("productPricing_2022-05-01", "getCompetitiveSummary", this::getCompetitiveSummary);
    routes.serve("productPricing_2022-05-01", "getFeaturedOfferExpectedPriceBatch", this::getFeaturedOfferExpectedPriceBatch);
  }

  private void getItemOffersBatch(SpApiRequest request) {
    request.ok(new JsonObject().put("responses", batch(request, (entry, seller) -> itemOffers(entry, seller))));
  }

  private void getCompetitiveSummary(SpApiRequest request) {
    request.ok(new JsonObject().put("responses", batch(request, (entry, seller) -> competitiveSummary(entry, seller))));
  }

  private void getFeaturedOfferExpectedPriceBatch(SpApiRequest request) {
    request.ok(new JsonObject().put("responses", batch(request, (entry, seller) -> featuredOfferExpectedPrice(entry, seller))));
  }

  private static JsonArray batch(SpApiRequest request, BiFunction<JsonObject, Seller, JsonObject> answer) {
    JsonArray responses = new JsonArray();
    // The model's schema check lets some shapes through (a "requests" that is not an array of objects); Amazon answers 400.
    Object entries = request.body().getValue("requests");
    if (!(entries instanceof JsonArray array) || !array.stream().allMatch(JsonObject.class::isInstance)) {
      throw new InvalidInputException("'requests' must be an array of request objects");
    }
    for (int i = 0; i < array.size(); i++) {
      responses.add(answer.apply(array.getJsonObject(i), request.seller()));
    }
    return responses;
  }

  private JsonObject itemOffers(JsonObject entry, Seller seller) {
    JsonObject echo = new JsonObject().put("MarketplaceId", entry.getString("MarketplaceId"))
        .put("ItemCondition", entry.getString("ItemCondition"));
    Matcher uri = ITEM_OFFERS_URI.matcher(entry.getString("uri"));
    Optional<Marketplace> mp = sellersMarketplace(seller, entry.getString("MarketplaceId"));
    if (!uri.matches() || mp.isEmpty()) {
      String message = !uri.matches() ? "Invalid uri " + entry.getString("uri") : "Invalid MarketplaceId";
      return new JsonObject().put("status", status(400)).put("headers", headers()).put("request", echo)
          .put("body", new JsonObject().put("errors", errors("InvalidInput", message)));
    }
    String asin = uri.group(1);
    echo.put("Asin", asin);
    String currency = mp.get().currency();
    JsonArray offerList = new JsonArray();
    List<CompetingOffers.Offer> list = offers.offers(seller, asin, mp.get());
    for (CompetingOffers.Offer o : list) {
      offerList.add(new JsonObject()
          .put("MyOffer", o.mine()).put("SellerId", o.sellerId()).put("SubCondition", "new")
          .put("SellerFeedbackRating", new JsonObject().put("SellerPositiveFeedbackRating", 97.0).put("FeedbackCount", 1200))
          .put("ShippingTime", new JsonObject().put("minimumHours", 24).put("maximumHours", 48).put("availabilityType", "NOW"))
          .put("ListingPrice", moneyV0(currency, o.price())).put("Shipping", moneyV0(currency, BigDecimal.ZERO))
          .put("IsFulfilledByAmazon", o.fba()).put("IsBuyBoxWinner", o == list.get(0)).put("IsFeaturedMerchant", true));
    }
    CompetingOffers.Offer lowest = list.get(0);
    JsonObject summary = new JsonObject()
        .put("TotalOfferCount", list.size())
        .put("NumberOfOffers", new JsonArray().add(new JsonObject().put("condition", "new").put("fulfillmentChannel", "Merchant")
            .put("OfferCount", list.size())))
        .put("LowestPrices", new JsonArray().add(new JsonObject().put("condition", "new")
            .put("fulfillmentChannel", lowest.fba() ? "Amazon" : "Merchant")
            .put("LandedPrice", moneyV0(currency, lowest.price())).put("ListingPrice", moneyV0(currency, lowest.price()))
            .put("Shipping", moneyV0(currency, BigDecimal.ZERO))))
        .put("BuyBoxPrices", new JsonArray().add(new JsonObject().put("condition", "New")
            .put("LandedPrice", moneyV0(currency, lowest.price())).put("ListingPrice", moneyV0(currency, lowest.price()))
            .put("Shipping", moneyV0(currency, BigDecimal.ZERO))));
    JsonObject result = new JsonObject()
        .put("marketplaceId", mp.get().id()).put("ASIN", asin).put("ItemCondition", entry.getString("ItemCondition"))
        .put("status", "Success")
        .put("Identifier", new JsonObject().put("MarketplaceId", mp.get().id()).put("ASIN", asin)
            .put("ItemCondition", entry.getString("ItemCondition")))
        .put("Summary", summary).put("Offers", offerList);
    return new JsonObject().put("status", status(200)).put("headers", headers()).put("request", echo)
        .put("body", new JsonObject().put("payload", result));
  }

  private JsonObject competitiveSummary(JsonObject entry, Seller seller) {
    String asin = entry.getString("asin");
    Optional<Marketplace> mp = sellersMarketplace(seller, entry.getString("marketplaceId"));
    JsonObject body = new JsonObject().put("asin", asin).put("marketplaceId", entry.getString("marketplaceId"));
    if (mp.isEmpty()) {
      return new JsonObject().put("status", status(400)).put("body", body.put("errors", errors("InvalidInput", "Invalid marketplaceId")));
    }
    String currency = mp.get().currency();
    List<CompetingOffers.Offer> list = offers.offers(seller, asin, mp.get());
    List<String> included = entry.getJsonArray("includedData").stream().map(Object::toString).toList();
    if (included.contains("featuredBuyingOptions")) {
      JsonObject featured = offer2022(list.get(0), currency)
          .put("featuredOfferSegments", new JsonArray().add(new JsonObject().put("customerMembership", "DEFAULT")
              .put("segmentDetails", new JsonObject().put("glanceViewWeightPercentage", 100))));
      body.put("featuredBuyingOptions", new JsonArray().add(new JsonObject().put("buyingOptionType", "New")
          .put("segmentedFeaturedOffers", new JsonArray().add(featured))));
    }
    if (included.contains("lowestPricedOffers")) {
      JsonArray lowest = new JsonArray();
      list.forEach(o -> lowest.add(offer2022(o, currency)));
      body.put("lowestPricedOffers", new JsonArray().add(new JsonObject()
          .put("lowestPricedOffersInput", new JsonObject().put("itemCondition", "New").put("offerType", "Consumer"))
          .put("offers", lowest)));
    }
    if (included.contains("referencePrices")) {
      body.put("referencePrices", new JsonArray().add(new JsonObject().put("name", "CompetitivePriceThreshold")
          .put("price", money2022(currency, list.get(0).price()))));
    }
    return new JsonObject().put("status", status(200)).put("body", body);
  }

  private JsonObject featuredOfferExpectedPrice(JsonObject entry, Seller seller) {
    JsonObject echo = new JsonObject().put("marketplaceId", entry.getString("marketplaceId")).put("sku", entry.getString("sku"));
    Optional<Marketplace> mp = sellersMarketplace(seller, entry.getString("marketplaceId"));
    Optional<Listing> listing = world.store(seller).listing(entry.getString("sku"));
    if (mp.isEmpty() || listing.isEmpty()) {
      String message = mp.isEmpty() ? "Invalid marketplaceId" : "SKU " + entry.getString("sku") + " not found";
      return new JsonObject().put("status", status(mp.isEmpty() ? 400 : 404)).put("headers", headers()).put("request", echo)
          .put("body", new JsonObject().put("errors", errors(mp.isEmpty() ? "InvalidInput" : "NotFound", message)));
    }
    String currency = mp.get().currency();
    List<CompetingOffers.Offer> list = offers.offers(seller, listing.get().asin(), mp.get());
    CompetingOffers.Offer best = list.get(0);
    CompetingOffers.Offer bestCompetitor = list.stream().filter(o -> !o.mine()).findFirst().orElse(best);
    JsonObject identifier = new JsonObject().put("marketplaceId", mp.get().id()).put("sellerId", seller.sellerId())
        .put("sku", listing.get().sku())
        .put("asin", listing.get().asin()).put("fulfillmentType", listing.get().fulfilledByAmazon() ? "AFN" : "MFN");
    JsonObject result = new JsonObject()
        .put("featuredOfferExpectedPrice",
            new JsonObject().put("listingPrice", money2022(currency, bestCompetitor.price().subtract(new BigDecimal("0.01")))))
        .put("resultStatus", "VALID_FOEP")
        .put("competingFeaturedOffer", featuredOffer(bestCompetitor, mp.get(), listing.get().asin(), currency))
        .put("currentFeaturedOffer", featuredOffer(best, mp.get(), listing.get().asin(), currency));
    return new JsonObject().put("status", status(200)).put("headers", headers()).put("request", echo)
        .put("body", new JsonObject().put("offerIdentifier", identifier)
            .put("featuredOfferExpectedPriceResults", new JsonArray().add(result)));
  }

  private static JsonObject featuredOffer(CompetingOffers.Offer offer, Marketplace mp, String asin, String currency) {
    return new JsonObject()
        .put("offerIdentifier", new JsonObject().put("marketplaceId", mp.id()).put("sellerId", offer.sellerId()).put("asin", asin)
            .put("fulfillmentType", offer.fba() ? "AFN" : "MFN"))
        .put("condition", "New").put("price", new JsonObject().put("listingPrice", money2022(currency, offer.price())));
  }

  private static JsonObject offer2022(CompetingOffers.Offer offer, String currency) {
    return new JsonObject().put("sellerId", offer.sellerId()).put("condition", "New").put("fulfillmentType", offer.fba() ? "AFN" : "MFN")
        .put("listingPrice", money2022(currency, offer.price()))
        .put("shippingOptions", new JsonArray().add(new JsonObject().put("shippingOptionType", "DEFAULT")
            .put("price", money2022(currency, BigDecimal.ZERO))))
        .put("primeDetails", new JsonObject().put("eligibility", offer.fba() ? "NATIONAL" : "NONE"));
  }

  private static Optional<Marketplace> sellersMarketplace(Seller seller, String marketplaceId) {
    return Marketplace.byId(marketplaceId).filter(m -> seller.sellsIn(m.id()));
  }

  private static JsonObject status(int code) {
    return new JsonObject().put("statusCode", code).put("reasonPhrase", code == 200 ? "OK" : code == 404 ? "Not Found" : "Bad Request");
  }

  private static JsonObject headers() {
    return new JsonObject().put("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
  }

  private static JsonArray errors(String code, String message) {
    return new JsonArray().add(new JsonObject().put("code", code).put("message", message));
  }

  private static JsonObject moneyV0(String currency, BigDecimal amount) {
    return new JsonObject().put("CurrencyCode", currency).put("Amount", amount.doubleValue());
  }

  private static JsonObject money2022(String currency, BigDecimal amount) {
    return new JsonObject().put("currencyCode", currency).put("amount", amount.doubleValue());
  }
}
