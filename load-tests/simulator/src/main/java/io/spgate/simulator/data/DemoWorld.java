package io.spgate.simulator.data;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every seller, application, listing and order of one simulator run, all derived from the seed. Sellers' listings and
 * orders are generated on first use, so a run with thousands of sellers starts at once.
 */
public final class DemoWorld {
  private final long seed;
  private final ListingsMix listingsMix;
  private final int ordersPerSeller;
  private final Instant epoch;
  private final List<LwaApplication> applications;
  private final List<Seller> sellers;
  private final Map<String, Seller> sellersById;
  private final Map<String, Seller> sellersByRefreshToken = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, SellerStore> stores = new ConcurrentHashMap<>();

  public DemoWorld(long seed, int sellerCount, int applicationCount, int listingsPerSeller, int ordersPerSeller, Instant now) {
    this(seed, sellerCount, applicationCount, ListingsMix.uniform(listingsPerSeller), ordersPerSeller, now);
  }

  public DemoWorld(long seed, int sellerCount, int applicationCount, ListingsMix listingsMix, int ordersPerSeller, Instant now) {
    this.seed = seed;
    this.listingsMix = listingsMix;
    this.ordersPerSeller = ordersPerSeller;
    this.epoch = now.truncatedTo(ChronoUnit.SECONDS);
    SeededIds ids = new SeededIds(seed);
    List<LwaApplication> apps = new ArrayList<>();
    for (int i = 0; i < applicationCount; i++) {
      apps.add(LwaApplication.generate(ids));
    }
    this.applications = List.copyOf(apps);
    Map<String, Seller> byId = new LinkedHashMap<>();
    for (int i = 0; i < sellerCount; i++) {
      Seller seller = generateSeller(i, ids, applications.get(i % applications.size()));
      byId.put(seller.sellerId(), seller);
      sellersByRefreshToken.put(seller.refreshToken(), seller);
    }
    this.sellersById = Collections.unmodifiableMap(byId);
    this.sellers = List.copyOf(byId.values());
  }

  private static Seller generateSeller(int index, SeededIds ids, LwaApplication app) {
    int pick = ids.random().nextInt(20);
    Region region = pick < 10 ? Region.NA : pick < 17 ? Region.EU : Region.FE;
    List<Marketplace> marketplaces = switch (region) {
      case NA -> ids.random().nextBoolean() ? List.of(Marketplace.US, Marketplace.CA, Marketplace.MX) : List.of(Marketplace.US);
      case EU -> ids.random().nextBoolean() ? List.of(Marketplace.DE, Marketplace.UK, Marketplace.FR, Marketplace.IT, Marketplace.ES)
          : List.of(Marketplace.UK, Marketplace.DE);
      case FE -> ids.random().nextBoolean() ? List.of(Marketplace.JP) : List.of(Marketplace.AU, Marketplace.SG);
    };
    return new Seller(index, ids.sellerId(), region, marketplaces, "Atzr|IwEB" + ids.tokenChars(200), app);
  }

  public long seed() {
    return seed;
  }

  public Instant epoch() {
    return epoch;
  }

  public List<LwaApplication> applications() {
    return applications;
  }

  public List<Seller> sellers() {
    return sellers;
  }

  public Optional<Seller> seller(String sellerId) {
    return Optional.ofNullable(sellersById.get(sellerId));
  }

  public Optional<Seller> sellerByRefreshToken(String refreshToken) {
    return Optional.ofNullable(sellersByRefreshToken.get(refreshToken));
  }

  /** A seller's new refresh token, as a renewed consent produces. */
  public void addRefreshToken(String refreshToken, Seller seller) {
    sellersByRefreshToken.put(refreshToken, seller);
  }

  public Optional<LwaApplication> applicationByClientId(String clientId) {
    return applications.stream().filter(a -> a.clientId().equals(clientId)).findFirst();
  }

  public Optional<LwaApplication> applicationById(String applicationId) {
    return applications.stream().filter(a -> a.applicationId().equals(applicationId)).findFirst();
  }

  /** How many listings the seller was seeded with (its share of the listings mix). */
  public int seededListings(Seller seller) {
    return listingsMix.listingsFor(seller.index(), seed);
  }

  /** The store holding an order, among the sellers whose stores exist (an order nobody has seen cannot be named). */
  public Optional<SellerStore> storeOfOrder(String amazonOrderId) {
    return stores.values().stream().filter(store -> store.order(amazonOrderId).isPresent()).findFirst();
  }

  public SellerStore store(Seller seller) {
    return stores.computeIfAbsent(seller.sellerId(),
        id -> new SellerStore(seller, seed, seededListings(seller), ordersPerSeller, epoch));
  }
}
