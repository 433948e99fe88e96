package io.spgate.seller;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Amazon's marketplaces: id, region, the Seller Central host where sellers grant consent, and the currency of their prices. */
public enum Marketplace {
  CA("A2EUQ1WTGCTBG2", Region.NA, "sellercentral.amazon.ca", "CAD"),
  US("ATVPDKIKX0DER", Region.NA, "sellercentral.amazon.com", "USD"),
  MX("A1AM78C64UM0Y8", Region.NA, "sellercentral.amazon.com.mx", "MXN"),
  BR("A2Q3Y263D00KWC", Region.NA, "sellercentral.amazon.com.br", "BRL"),
  IE("A28R8C7NBKEWEA", Region.EU, "sellercentral.amazon.ie", "EUR"),
  ES("A1RKKUPIHCS9HS", Region.EU, "sellercentral-europe.amazon.com", "EUR"),
  UK("A1F83G8C2ARO7P", Region.EU, "sellercentral-europe.amazon.com", "GBP"),
  FR("A13V1IB3VIYZZH", Region.EU, "sellercentral-europe.amazon.com", "EUR"),
  BE("AMEN7PMS3EDWL", Region.EU, "sellercentral.amazon.com.be", "EUR"),
  NL("A1805IZSGTT6HS", Region.EU, "sellercentral.amazon.nl", "EUR"),
  DE("A1PA6795UKMFR9", Region.EU, "sellercentral-europe.amazon.com", "EUR"),
  IT("APJ6JRA9NG5V4", Region.EU, "sellercentral-europe.amazon.com", "EUR"),
  SE("A2NODRKZP88ZB9", Region.EU, "sellercentral.amazon.se", "SEK"),
  ZA("AE08WJ6YKNBMC", Region.EU, "sellercentral.amazon.co.za", "ZAR"),
  PL("A1C3SOZRARQ6R3", Region.EU, "sellercentral.amazon.pl", "PLN"),
  EG("ARBP9OOSHTCHU", Region.EU, "sellercentral.amazon.eg", "EGP"),
  TR("A33AVAJ2PDY3EV", Region.EU, "sellercentral.amazon.com.tr", "TRY"),
  SA("A17E79C6D8DWNP", Region.EU, "sellercentral.amazon.sa", "SAR"),
  AE("A2VIGQ35RCS4UG", Region.EU, "sellercentral.amazon.ae", "AED"),
  IN("A21TJRUUN4KGV", Region.EU, "sellercentral.amazon.in", "INR"),
  SG("A19VAU5U5O7RUS", Region.FE, "sellercentral.amazon.sg", "SGD"),
  AU("A39IBJ37TRP1C6", Region.FE, "sellercentral.amazon.com.au", "AUD"),
  JP("A1VC38T7YXB528", Region.FE, "sellercentral.amazon.co.jp", "JPY");

  private final String id;
  private final Region region;
  private final String sellerCentralHost;
  private final String currency;

  Marketplace(String id, Region region, String sellerCentralHost, String currency) {
    this.id = id;
    this.region = region;
    this.sellerCentralHost = sellerCentralHost;
    this.currency = currency;
  }

  public String id() {
    return id;
  }

  public Region region() {
    return region;
  }

  public String sellerCentralHost() {
    return sellerCentralHost;
  }

  /** The ISO 4217 code of the marketplace's prices. */
  public String currency() {
    return currency;
  }

  /** Looked up for every update of an intake: a map, not a scan of {@code values()} (which copies the array each call). */
  private static final Map<String, Marketplace> BY_ID = Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(m -> m.id,
      Function.identity()));

  public static Optional<Marketplace> byId(String id) {
    return Optional.ofNullable(id == null ? null : BY_ID.get(id));
  }
}
