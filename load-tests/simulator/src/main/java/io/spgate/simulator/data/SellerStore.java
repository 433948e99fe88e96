package io.spgate.simulator.data;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

/** The listings and orders of one seller: generated from the seed on first use, then changed by API calls. */
public final class SellerStore {
  private static final List<String> STATUSES = List.of("Unshipped", "Unshipped", "Shipped", "Shipped", "Shipped", "Pending", "Canceled",
      "PartiallyShipped");

  private final Seller seller;
  private final NavigableMap<String, Listing> listings = new ConcurrentSkipListMap<>();
  private final ConcurrentHashMap<String, Order> orders = new ConcurrentHashMap<>();
  private final SeededIds ids;
  private final Instant epoch;

  SellerStore(Seller seller, long seed, int listingCount, int orderCount, Instant epoch) {
    this.seller = seller;
    this.ids = new SeededIds(seed * 1_000_003L + seller.index());
    this.epoch = epoch;
    for (int i = 0; i < listingCount; i++) {
      Listing listing = generateListing(i);
      listings.put(listing.sku(), listing);
    }
    for (int i = 0; i < orderCount; i++) {
      Order order = generateOrder(epoch.minus(Duration.ofMinutes(60 + ids.random().nextInt(30 * 24 * 60))));
      orders.put(order.amazonOrderId(), order);
    }
  }

  public Seller seller() {
    return seller;
  }

  public Optional<Listing> listing(String sku) {
    return Optional.ofNullable(listings.get(sku));
  }

  public NavigableMap<String, Listing> listings() {
    return listings;
  }

  public void putListing(Listing listing) {
    listings.put(listing.sku(), listing);
  }

  public boolean deleteListing(String sku) {
    return listings.remove(sku) != null;
  }

  public Optional<Listing> listingByAsin(String asin) {
    return listings.values().stream().filter(l -> l.asin().equals(asin)).findFirst();
  }

  public Optional<Order> order(String amazonOrderId) {
    return Optional.ofNullable(orders.get(amazonOrderId));
  }

  public Collection<Order> orders() {
    return orders.values();
  }

  public Order updateOrder(String amazonOrderId, UnaryOperator<Order> change) {
    return orders.computeIfPresent(amazonOrderId, (id, order) -> change.apply(order));
  }

  /** A fresh order placed now: what a buyer does between two getOrders polls. */
  public synchronized Order placeOrder(Instant now) {
    Order order = generateOrder(now);
    order = order.withStatus("Unshipped", order.items().stream().map(i -> i.withQuantityShipped(0)).toList(), now);
    orders.put(order.amazonOrderId(), order);
    return order;
  }

  /** A new listing with the seller's default offer, for a SKU a put or a feed creates. */
  public synchronized Listing newListing(String sku, String productType, JsonObject attributes, Instant now) {
    return new Listing(sku, ids.asin(), productType, attributes, now, now);
  }

  private Listing generateListing(int i) {
    SplittableRandom random = ids.random();
    String sku = String.format("SKU-%s-%05d", seller.sellerId().substring(1, 5), i);
    boolean fba = random.nextInt(3) == 0;
    int quantity = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(200);
    JsonArray itemNames = new JsonArray();
    JsonArray offers = new JsonArray();
    BigDecimal basePrice = BigDecimal.valueOf(499 + random.nextInt(20000), 2);
    for (Marketplace mp : seller.marketplaces()) {
      itemNames.add(new JsonObject().put("value", TrickyTitles.of(i, mp, ProductWords.title(mp, random)))
          .put("language_tag", mp.languageTag())
          .put("marketplace_id", mp.id()));
      BigDecimal price = mp == Marketplace.JP ? basePrice.multiply(BigDecimal.valueOf(150)).setScale(0, RoundingMode.HALF_UP) : basePrice;
      offers.add(offer(mp, price));
    }
    JsonObject attributes = new JsonObject()
        .put("item_name", itemNames)
        .put("condition_type", new JsonArray().add(new JsonObject().put("value", "new_new")))
        .put("purchasable_offer", offers)
        .put("fulfillment_availability",
            new JsonArray().add(fulfillment(fba ? "AMAZON_" + seller.region().name() : Listing.MFN_CHANNEL, quantity)));
    Instant created = epoch.minus(Duration.ofDays(30 + random.nextInt(700)));
    return new Listing(sku, ids.asin(), "PRODUCT", attributes, created, created.plus(Duration.ofDays(random.nextInt(29))));
  }

  public static JsonObject offer(Marketplace mp, BigDecimal price) {
    return new JsonObject()
        .put("marketplace_id", mp.id())
        .put("currency", mp.currency())
        .put("our_price", new JsonArray().add(new JsonObject()
            .put("schedule", new JsonArray().add(new JsonObject().put("value_with_tax", price)))));
  }

  public static JsonObject fulfillment(String channelCode, int quantity) {
    JsonObject availability = new JsonObject().put("fulfillment_channel_code", channelCode);
    // Amazon's own stock is not set by the seller: FBA availability carries no quantity.
    return Listing.MFN_CHANNEL.equals(channelCode) ? availability.put("quantity", quantity) : availability;
  }

  private Order generateOrder(Instant purchased) {
    SplittableRandom random = ids.random();
    Marketplace mp = seller.marketplaces().get(random.nextInt(seller.marketplaces().size()));
    List<Listing> all = new ArrayList<>(listings.values());
    List<OrderItem> items = new ArrayList<>();
    int lines = 1 + random.nextInt(3);
    String status = STATUSES.get(random.nextInt(STATUSES.size()));
    for (int i = 0; i < lines && !all.isEmpty(); i++) {
      Listing listing = all.get(random.nextInt(all.size()));
      int quantity = 1 + random.nextInt(3);
      BigDecimal unit = listing.price(mp.id()).orElse(BigDecimal.TEN);
      int shipped = "Shipped".equals(status) ? quantity : 0;
      items.add(new OrderItem(ids.digits(14), listing.asin(), listing.sku(), listing.title(mp.id()), quantity, shipped,
          unit.multiply(BigDecimal.valueOf(quantity))));
    }
    String id = ids.digits(3) + "-" + ids.digits(7) + "-" + ids.digits(7);
    boolean afn = random.nextInt(3) == 0;
    PostalAddress address = new PostalAddress(
        "Buyer " + ids.upperAlnum(4), ids.digits(3) + " Main Street", "City " + ids.upperAlnum(3), "ST", ids.digits(5), mp.countryCode(),
        "+1 555 " + ids.digits(7));
    Instant updated = purchased.plus(Duration.ofMinutes(random.nextInt(600)));
    if (updated.isAfter(epoch)) {
      updated = purchased;
    }
    return new Order(
        id, id, mp, purchased, updated, status, afn ? "AFN" : "MFN",
        afn ? "Expedited" : "Std " + mp.countryCode() + " Dom_1", List.copyOf(items),
        address, ids.tokenChars(12).toLowerCase() + "@marketplace.amazon.com", address.name());
  }
}
