package io.spgate.seller;

import java.util.Arrays;
import java.util.Optional;

/** Amazon's marketplaces: id, region and the Seller Central host where sellers grant consent. */
public enum Marketplace {
  CA("A2EUQ1WTGCTBG2", Region.NA, "sellercentral.amazon.ca"),
  US("ATVPDKIKX0DER", Region.NA, "sellercentral.amazon.com"),
  MX("A1AM78C64UM0Y8", Region.NA, "sellercentral.amazon.com.mx"),
  BR("A2Q3Y263D00KWC", Region.NA, "sellercentral.amazon.com.br"),
  IE("A28R8C7NBKEWEA", Region.EU, "sellercentral.amazon.ie"),
  ES("A1RKKUPIHCS9HS", Region.EU, "sellercentral-europe.amazon.com"),
  UK("A1F83G8C2ARO7P", Region.EU, "sellercentral-europe.amazon.com"),
  FR("A13V1IB3VIYZZH", Region.EU, "sellercentral-europe.amazon.com"),
  BE("AMEN7PMS3EDWL", Region.EU, "sellercentral.amazon.com.be"),
  NL("A1805IZSGTT6HS", Region.EU, "sellercentral.amazon.nl"),
  DE("A1PA6795UKMFR9", Region.EU, "sellercentral-europe.amazon.com"),
  IT("APJ6JRA9NG5V4", Region.EU, "sellercentral-europe.amazon.com"),
  SE("A2NODRKZP88ZB9", Region.EU, "sellercentral.amazon.se"),
  ZA("AE08WJ6YKNBMC", Region.EU, "sellercentral.amazon.co.za"),
  PL("A1C3SOZRARQ6R3", Region.EU, "sellercentral.amazon.pl"),
  EG("ARBP9OOSHTCHU", Region.EU, "sellercentral.amazon.eg"),
  TR("A33AVAJ2PDY3EV", Region.EU, "sellercentral.amazon.com.tr"),
  SA("A17E79C6D8DWNP", Region.EU, "sellercentral.amazon.sa"),
  AE("A2VIGQ35RCS4UG", Region.EU, "sellercentral.amazon.ae"),
  IN("A21TJRUUN4KGV", Region.EU, "sellercentral.amazon.in"),
  SG("A19VAU5U5O7RUS", Region.FE, "sellercentral.amazon.sg"),
  AU("A39IBJ37TRP1C6", Region.FE, "sellercentral.amazon.com.au"),
  JP("A1VC38T7YXB528", Region.FE, "sellercentral.amazon.co.jp");

  private final String id;
  private final Region region;
  private final String sellerCentralHost;

  Marketplace(String id, Region region, String sellerCentralHost) {
    this.id = id;
    this.region = region;
    this.sellerCentralHost = sellerCentralHost;
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

  public static Optional<Marketplace> byId(String id) {
    return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
  }
}
