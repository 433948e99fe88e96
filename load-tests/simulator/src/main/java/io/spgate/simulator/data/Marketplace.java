package io.spgate.simulator.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Amazon marketplaces (FACTS.md, "Marketplace IDs") with what the simulator needs to render data for them. */
public enum Marketplace {
  CA("A2EUQ1WTGCTBG2", Region.NA, "CA", "CAD", "en_CA", "www.amazon.ca"),
  US("ATVPDKIKX0DER", Region.NA, "US", "USD", "en_US", "www.amazon.com"),
  MX("A1AM78C64UM0Y8", Region.NA, "MX", "MXN", "es_MX", "www.amazon.com.mx"),
  BR("A2Q3Y263D00KWC", Region.NA, "BR", "BRL", "pt_BR", "www.amazon.com.br"),
  IE("A28R8C7NBKEWEA", Region.EU, "IE", "EUR", "en_IE", "www.amazon.ie"),
  ES("A1RKKUPIHCS9HS", Region.EU, "ES", "EUR", "es_ES", "www.amazon.es"),
  UK("A1F83G8C2ARO7P", Region.EU, "GB", "GBP", "en_GB", "www.amazon.co.uk"),
  FR("A13V1IB3VIYZZH", Region.EU, "FR", "EUR", "fr_FR", "www.amazon.fr"),
  BE("AMEN7PMS3EDWL", Region.EU, "BE", "EUR", "fr_BE", "www.amazon.com.be"),
  NL("A1805IZSGTT6HS", Region.EU, "NL", "EUR", "nl_NL", "www.amazon.nl"),
  DE("A1PA6795UKMFR9", Region.EU, "DE", "EUR", "de_DE", "www.amazon.de"),
  IT("APJ6JRA9NG5V4", Region.EU, "IT", "EUR", "it_IT", "www.amazon.it"),
  SE("A2NODRKZP88ZB9", Region.EU, "SE", "SEK", "sv_SE", "www.amazon.se"),
  ZA("AE08WJ6YKNBMC", Region.EU, "ZA", "ZAR", "en_ZA", "www.amazon.co.za"),
  PL("A1C3SOZRARQ6R3", Region.EU, "PL", "PLN", "pl_PL", "www.amazon.pl"),
  EG("ARBP9OOSHTCHU", Region.EU, "EG", "EGP", "en_AE", "www.amazon.eg"),
  TR("A33AVAJ2PDY3EV", Region.EU, "TR", "TRY", "tr_TR", "www.amazon.com.tr"),
  SA("A17E79C6D8DWNP", Region.EU, "SA", "SAR", "en_AE", "www.amazon.sa"),
  AE("A2VIGQ35RCS4UG", Region.EU, "AE", "AED", "en_AE", "www.amazon.ae"),
  IN("A21TJRUUN4KGV", Region.EU, "IN", "INR", "en_IN", "www.amazon.in"),
  SG("A19VAU5U5O7RUS", Region.FE, "SG", "SGD", "en_SG", "www.amazon.sg"),
  AU("A39IBJ37TRP1C6", Region.FE, "AU", "AUD", "en_AU", "www.amazon.com.au"),
  JP("A1VC38T7YXB528", Region.FE, "JP", "JPY", "ja_JP", "www.amazon.co.jp");

  private static final Map<String, Marketplace> BY_ID =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Marketplace::id, Function.identity()));

  private final String id;
  private final Region region;
  private final String countryCode;
  private final String currency;
  private final String languageTag;
  private final String domain;

  Marketplace(String id, Region region, String countryCode, String currency, String languageTag, String domain) {
    this.id = id;
    this.region = region;
    this.countryCode = countryCode;
    this.currency = currency;
    this.languageTag = languageTag;
    this.domain = domain;
  }

  public String id() {
    return id;
  }

  public Region region() {
    return region;
  }

  public String countryCode() {
    return countryCode;
  }

  public String currency() {
    return currency;
  }

  public String languageTag() {
    return languageTag;
  }

  public String domain() {
    return domain;
  }

  /** Flat-file reports are served in the marketplace's legacy encoding: EU windows-1252, JP Shift_JIS (windows-31j). */
  public Charset documentCharset() {
    if (this == JP) {
      return Charset.forName("windows-31j");
    }
    return region == Region.EU ? Charset.forName("windows-1252") : StandardCharsets.UTF_8;
  }

  public static Optional<Marketplace> byId(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  public static List<Marketplace> inRegion(Region region) {
    return Arrays.stream(values()).filter(m -> m.region == region).toList();
  }
}
