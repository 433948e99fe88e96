package io.spgate.channels;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A mapping as a caller writes it (a PUT body, an NDJSON line, a CSV row), checked: what is stored
 * for the SKU. Every refusal is an {@link InvalidMapping} with the code of the first thing wrong.
 */
record MappingInput(String sku, String asin, Fulfillment fulfillment, String productType, Guardrails guardrails) {

  /** Amazon's limit on a seller SKU. */
  static final int MAX_SKU = 40;
  private static final Pattern ASIN = Pattern.compile("[A-Z0-9]{10}");
  private static final Pattern PRODUCT_TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,99}");
  private static final BigDecimal MAX_CHANGE_PERCENT = new BigDecimal("1000");
  static final String DEFAULT_PRODUCT_TYPE = "PRODUCT";

  static final List<String> GUARDRAIL_FIELDS = List.of("minPrice", "maxPrice", "maxChangePercent", "stockBuffer", "maxQuantity");
  /** The columns a CSV import may have (its header names them; sku, asin and fulfillment are required). */
  static final List<String> CSV_COLUMNS = List.of("sku", "asin", "fulfillment", "productType", "minPrice", "maxPrice",
      "maxChangePercent", "stockBuffer", "maxQuantity", "conflictStrategy");
  static final List<String> REQUIRED_COLUMNS = List.of("sku", "asin", "fulfillment");
  /** What a Mapping answer holds besides its input: accepted and ignored, so that an answer can be sent back as it came. */
  private static final Set<String> READ_ONLY = Set.of("lastPrice", "lastPriceAt", "listedQuantity", "listedAt", "fbaQuantity",
      "fbaSyncedAt", "updatedAt");
  private static final Set<String> JSON_FIELDS = Set.of("channelId", "sku", "asin", "fulfillment", "conflictStrategy", "productType",
      "guardrails", "minPrice", "maxPrice", "maxChangePercent", "stockBuffer", "maxQuantity");

  /**
   * A JSON mapping of the channel; guardrails nested in {@code guardrails} or flat beside the other
   * fields. {@code pathSku}: the SKU a route's path names, which the body may repeat but not contradict.
   */
  static MappingInput fromJson(JsonObject json, ChannelId channel, Optional<String> pathSku) {
    Set<String> unknown = new TreeSet<>(json.fieldNames());
    unknown.removeAll(JSON_FIELDS);
    unknown.removeAll(READ_ONLY);
    if (!unknown.isEmpty()) {
      throw new InvalidMapping("invalid_field", "Unknown field(s) " + unknown + ".");
    }
    Object channelId = json.getValue("channelId");
    if (channelId != null && !channel.value().equals(channelId)) {
      throw new InvalidMapping("invalid_field", "'channelId' is not the channel of the route (" + channel.value() + ").");
    }
    Map<String, Object> fields = new HashMap<>(json.getMap());
    Object nested = json.getValue("guardrails");
    if (nested instanceof JsonObject guardrails) {
      for (String name : guardrails.fieldNames()) {
        if (!GUARDRAIL_FIELDS.contains(name)) {
          throw new InvalidMapping("invalid_field", "Unknown guardrail '" + name + "'; expected only " + GUARDRAIL_FIELDS + ".");
        }
        if (fields.get(name) != null && guardrails.getValue(name) != null) {
          throw new InvalidMapping("invalid_field", "'" + name + "' is given both flat and in 'guardrails'.");
        }
        if (guardrails.getValue(name) != null) {
          fields.put(name, guardrails.getValue(name));
        }
      }
    } else if (nested != null) {
      throw new InvalidMapping("invalid_field", "'guardrails' must be an object.");
    }
    if (pathSku.isPresent()) {
      Object sku = fields.get("sku");
      if (sku != null && !pathSku.get().equals(sku)) {
        throw new InvalidMapping("invalid_field", "'sku' is not the SKU of the route's path.");
      }
      fields.put("sku", pathSku.get());
    }
    return of(fields::get, channel);
  }

  /** A CSV row by column name; an empty cell is a value left out. */
  static MappingInput fromCsv(Map<String, String> row, ChannelId channel) {
    return of(name -> Optional.ofNullable(row.get(name)).filter(cell -> !cell.isEmpty()).orElse(null), channel);
  }

  private static MappingInput of(Function<String, Object> field, ChannelId channel) {
    String sku = sku(field.apply("sku"));
    String asin = text(field.apply("asin"), "asin_invalid", "asin");
    if (asin == null || !ASIN.matcher(asin).matches()) {
      throw new InvalidMapping("asin_invalid", "'asin' must be Amazon's 10 capital letters and digits.");
    }
    String given = text(field.apply("fulfillment"), "fulfillment_invalid", "fulfillment");
    Fulfillment fulfillment = Optional.ofNullable(given).flatMap(Fulfillment::parse)
        .orElseThrow(() -> new InvalidMapping("fulfillment_invalid", "'fulfillment' must be FBA or MFN."));
    String strategy = text(field.apply("conflictStrategy"), "conflict_strategy_invalid", "conflictStrategy");
    if (strategy != null && !strategy.equals(fulfillment.conflictStrategy())) {
      throw new InvalidMapping("conflict_strategy_invalid", "'conflictStrategy' follows the fulfillment: " + fulfillment + " is "
          + fulfillment.conflictStrategy() + " (MFN master_wins, FBA channel_wins).");
    }
    String productType = Optional.ofNullable(text(field.apply("productType"), "product_type_invalid", "productType"))
        .orElse(DEFAULT_PRODUCT_TYPE);
    if (!PRODUCT_TYPE.matcher(productType).matches()) {
      throw new InvalidMapping("product_type_invalid", "'productType' must be an Amazon product type such as PRODUCT: capital "
          + "letters, digits and underscores.");
    }
    int decimals = channel.marketplace().currency().equals("JPY") ? 0 : 2;
    Optional<BigDecimal> minPrice = price(field.apply("minPrice"), "minPrice", decimals);
    Optional<BigDecimal> maxPrice = price(field.apply("maxPrice"), "maxPrice", decimals);
    if (minPrice.isPresent() && maxPrice.isPresent() && minPrice.get().compareTo(maxPrice.get()) > 0) {
      throw new InvalidMapping("price_range_invalid", "'minPrice' must not be above 'maxPrice'.");
    }
    Optional<BigDecimal> maxChange = number(field.apply("maxChangePercent")).map(value -> {
      if (value.isEmpty() || value.get().signum() <= 0 || value.get().compareTo(MAX_CHANGE_PERCENT) > 0) {
        throw new InvalidMapping("max_change_percent_invalid", "'maxChangePercent' must be a number above 0, at most 1000.");
      }
      return plain(value.get());
    });
    int stockBuffer = count(field.apply("stockBuffer"), "stockBuffer", "stock_buffer_invalid").orElse(0);
    Optional<Integer> maxQuantity = count(field.apply("maxQuantity"), "maxQuantity", "max_quantity_invalid");
    return new MappingInput(sku, asin, fulfillment, productType, new Guardrails(minPrice, maxPrice, maxChange, stockBuffer, maxQuantity));
  }

  /** Whether a SKU is one Amazon could have: 1-40 characters, no control characters, no space at either end. */
  static boolean validSku(String sku) {
    int length = sku.codePointCount(0, sku.length());
    return length >= 1 && length <= MAX_SKU && sku.strip().equals(sku) && sku.codePoints().noneMatch(Character::isISOControl);
  }

  private static String sku(Object value) {
    if (!(value instanceof String sku) || !validSku(sku)) {
      throw new InvalidMapping("sku_invalid", "'sku' must be 1-" + MAX_SKU + " characters, without control characters or a space "
          + "at either end.");
    }
    return sku;
  }

  private static String text(Object value, String code, String name) {
    if (value != null && !(value instanceof String)) {
      throw new InvalidMapping(code, "'" + name + "' must be a string.");
    }
    return (String) value;
  }

  private static Optional<BigDecimal> price(Object raw, String name, int decimals) {
    return number(raw).map(value -> {
      if (value.isEmpty() || value.get().signum() <= 0 || value.get().compareTo(Guardrails.MAX_PRICE) > 0
          || value.get().stripTrailingZeros().scale() > decimals) {
        throw new InvalidMapping("price_invalid", "'" + name + "' must be a price above 0 with at most " + decimals
            + " decimal(s) in the channel's currency.");
      }
      return value.get().setScale(decimals);
    });
  }

  private static Optional<Integer> count(Object raw, String name, String code) {
    return number(raw).map(value -> {
      if (value.isEmpty() || value.get().signum() < 0 || value.get().stripTrailingZeros().scale() > 0
          || value.get().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
        throw new InvalidMapping(code, "'" + name + "' must be a whole number, 0 or more.");
      }
      return value.get().stripTrailingZeros().intValueExact();
    });
  }

  /** A number as a JSON number or a string; empty inside when it is neither (the caller names the field's code). */
  private static Optional<Optional<BigDecimal>> number(Object raw) {
    if (raw == null) {
      return Optional.empty();
    }
    if (!(raw instanceof Number) && !(raw instanceof String)) {
      return Optional.of(Optional.empty());
    }
    try {
      return Optional.of(Optional.of(new BigDecimal(raw.toString().strip())));
    } catch (NumberFormatException e) {
      return Optional.of(Optional.empty());
    }
  }

  /** Without trailing zeros, and never in exponent form (which JSON answers would show). */
  private static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
