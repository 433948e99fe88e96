package io.spgate.simulator.data;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  /** FBA stock that changed since the seed; the others are {@link FbaStock#seeded}, so 100,000 listings cost no entry. */
  private final ConcurrentHashMap<String, FbaStock> fbaStock = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Order> orders = new ConcurrentHashMap<>();
  private final SeededIds ids;
  private final Instant epoch;

  SellerStore(Seller seller, long seed, int listingCount, int orderCount, Instant epoch) {
    this.seller = seller;
    this.ids = new SeededIds(seed * 1_000_003L + seller.index());
    this.epoch = epoch;
    String skuPrefix = "SKU-" + seller.sellerId().substring(1, 5) + "-";
    List<Listing> seeded = new ArrayList<>(listingCount);
    for (int i = 0; i < listingCount; i++) {
      Listing listing = generateListing(skuPrefix, i);
      listings.put(listing.sku(), listing);
      seeded.add(listing);
    }
    for (int i = 0; i < orderCount; i++) {
      Order order = withSeededPackage(generateOrder(epoch.minus(Duration.ofMinutes(60 + ids.random().nextInt(30 * 24 * 60))), seeded));
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
    fbaStock.remove(sku);
    return listings.remove(sku) != null;
  }

  /** Amazon's stock of an FBA listing. */
  public FbaStock fbaStock(Listing listing) {
    FbaStock changed = fbaStock.get(listing.sku());
    return changed != null ? changed : FbaStock.seeded(listing);
  }

  /** Amazon counted the stock of an FBA SKU again: empty when the SKU is not an FBA listing of this seller. */
  public Optional<FbaStock> setFulfillable(String sku, int fulfillable, Instant now) {
    Listing listing = listings.get(sku);
    if (listing == null || !listing.fulfilledByAmazon()) {
      return Optional.empty();
    }
    FbaStock stock = new FbaStock(fulfillable, now);
    fbaStock.put(sku, stock);
    return Optional.of(stock);
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

  /** A fresh Unshipped order placed now: what a buyer does between two getOrders polls. */
  public Order placeOrder(Instant now) {
    Order order = newOrder(now, null);
    order = order.withStatus("Unshipped", order.items(), now);
    addOrder(order);
    return order;
  }

  /**
   * An order a buyer places now, Pending with nothing shipped, not yet stored ({@link #addOrder}); {@code channel} AFN or MFN,
   * or null for the seed's pick.
   */
  public synchronized Order newOrder(Instant now, String channel) {
    Order order = generateOrder(now, List.copyOf(listings.values()));
    if (channel != null) {
      order = order.withFulfillmentChannel(channel);
    }
    return order.withStatus("Pending", order.items().stream().map(i -> i.withQuantityShipped(0)).toList(), now);
  }

  public void addOrder(Order order) {
    orders.put(order.amazonOrderId(), order);
  }

  /** A new listing with the seller's default offer, for a SKU a put or a feed creates. */
  public synchronized Listing newListing(String sku, String productType, JsonObject attributes, Instant now) {
    return new Listing(sku, ids.asin(), productType, attributes, now, now);
  }

  /** The draws are made in a fixed order from the seller's seeded source, so one seed always yields the same listings. */
  private Listing generateListing(String skuPrefix, int i) {
    SplittableRandom random = ids.random();
    String number = Integer.toString(i);
    String sku = skuPrefix + "0".repeat(Math.max(0, 5 - number.length())) + number;
    boolean fba = random.nextInt(3) == 0;
    int quantity = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(200);
    int cents = 499 + random.nextInt(20000);
    long titleSeed = random.nextLong();
    Instant created = epoch.minus(Duration.ofDays(30 + random.nextInt(700)));
    Instant updated = created.plus(Duration.ofDays(random.nextInt(29)));
    return Listing.seeded(sku, ids.asin(), new SeededOffer(seller, i, titleSeed, cents, quantity, fba), created, updated);
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

  /** A seeded MFN order that shipped has the package the seller confirmed; made without a draw, so the seed's world is unchanged. */
  private static Order withSeededPackage(Order order) {
    if (!"Shipped".equals(order.orderStatus()) || order.fulfilledByAmazon()) {
      return order;
    }
    Map<String, Integer> quantities = new LinkedHashMap<>();
    order.items().forEach(i -> quantities.put(i.orderItemId(), i.quantityOrdered()));
    Instant shipped = order.lastUpdateDate();
    return order.withPackage(new OrderPackage("1", "UPS", "1Z" + order.amazonOrderId().replace("-", ""), shipped, shipped, quantities));
  }

  private Order generateOrder(Instant purchased, List<Listing> all) {
    SplittableRandom random = ids.random();
    Marketplace mp = seller.marketplaces().get(random.nextInt(seller.marketplaces().size()));
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
        address, ids.tokenChars(12).toLowerCase() + "@marketplace.amazon.com", address.name(), List.of());
  }
}
