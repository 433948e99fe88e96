package io.spgate.channels;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Channel mappings in Postgres ({@code channel_mappings}). Many rows move in one statement (arrays
 * unnested), never a statement a row; every read a tenant makes names the tenant.
 */
public final class MappingStore {

  /** Keys looked up, or rows written, per statement. */
  static final int STATEMENT_ROWS = 5_000;

  private final Pool pool;

  public MappingStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * What updates of those keys are checked against ({@link MappingRules}), for the tenant's mappings, one query per
   * {@value #STATEMENT_ROWS} keys; a key without a mapping is absent from the answer. Whether the channel still exists
   * (the seller has the marketplace) is the caller's check: the intake has the sellers already, and joining them here
   * cost a third of the lookup.
   */
  public Future<Map<SkuKey, MappingRules>> rules(UUID tenantId, Collection<SkuKey> keys) {
    return lookUp(tenantId, keys, MappingRules.COLUMNS, row -> MappingRules.from(row, 1));
  }

  /** As {@link #rules}, the product type alone: what a patch or feed message is sent with, without reading the rest. */
  public Future<Map<SkuKey, String>> productTypes(UUID tenantId, Collection<SkuKey> keys) {
    return lookUp(tenantId, keys, "m.product_type", row -> row.getString(1));
  }

  /**
   * The {@code columns} of the keys' mappings, {@code read} from column 1 on. Column 0 is the key's position in the
   * statement's arrays: Postgres need not send the keys back, nor the gateway decode and hash them again.
   */
  private <T> Future<Map<SkuKey, T>> lookUp(UUID tenantId, Collection<SkuKey> keys, String columns, Function<Row, T> read) {
    List<SkuKey> all = List.copyOf(keys);
    Future<Map<SkuKey, T>> found = Future.succeededFuture(new HashMap<>());
    for (int from = 0; from < all.size(); from += STATEMENT_ROWS) {
      List<SkuKey> chunk = all.subList(from, Math.min(all.size(), from + STATEMENT_ROWS));
      found = found.compose(so -> pool.preparedQuery("SELECT k.place, " + columns + " FROM channel_mappings m"
              + " JOIN unnest($2::uuid[], $3::text[], $4::text[]) WITH ORDINALITY AS k (seller_id, marketplace_id, sku, place)"
              + " ON m.seller_id = k.seller_id AND m.marketplace_id = k.marketplace_id AND m.sku = k.sku"
              + " WHERE m.tenant_id = $1")
          .execute(Tuple.of(tenantId, column(chunk, SkuKey::sellerId, UUID[]::new), column(chunk, SkuKey::marketplaceId, String[]::new),
              column(chunk, SkuKey::sku, String[]::new)))
          .map(rows -> {
            rows.forEach(row -> so.put(chunk.get(row.getLong(0).intValue() - 1), read.apply(row)));
            return so;
          }));
    }
    return found;
  }

  /** A price taken at $1 that is not older than the one the mapping holds; the same for a listed quantity. */
  private static final String NEWER_PRICE = "u.price IS NOT NULL AND (m.last_price_at IS NULL OR m.last_price_at <= $1)";
  private static final String NEWER_QUANTITY = "u.quantity IS NOT NULL AND (m.listed_at IS NULL OR m.listed_at <= $1)";

  /**
   * What Amazon took at {@code at}: prices and listed quantities, one row version per SKU however many of the two it
   * took, one statement per {@value #STATEMENT_ROWS} SKUs. An older record never overwrites a newer one, value by value.
   */
  public Future<Void> recordTaken(Map<SkuKey, BigDecimal> prices, Map<SkuKey, Integer> quantities, Instant at) {
    Set<SkuKey> keys = new LinkedHashSet<>(prices.keySet());
    keys.addAll(quantities.keySet());
    List<SkuKey> all = List.copyOf(keys);
    Future<Void> done = Future.succeededFuture();
    for (int from = 0; from < all.size(); from += STATEMENT_ROWS) {
      List<SkuKey> chunk = all.subList(from, Math.min(all.size(), from + STATEMENT_ROWS));
      done = done.compose(v -> pool.preparedQuery("UPDATE channel_mappings m SET"
              + " last_price = CASE WHEN " + NEWER_PRICE + " THEN u.price::numeric ELSE m.last_price END,"
              + " last_price_at = CASE WHEN " + NEWER_PRICE + " THEN $1 ELSE m.last_price_at END,"
              + " listed_quantity = CASE WHEN " + NEWER_QUANTITY + " THEN u.quantity ELSE m.listed_quantity END,"
              + " listed_at = CASE WHEN " + NEWER_QUANTITY + " THEN $1 ELSE m.listed_at END"
              + " FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[]) AS u (seller_id, marketplace_id, sku, price, quantity)"
              + " WHERE m.seller_id = u.seller_id AND m.marketplace_id = u.marketplace_id AND m.sku = u.sku"
              + " AND ((" + NEWER_PRICE + ") OR (" + NEWER_QUANTITY + "))")
          .execute(Tuple.of(utc(at), column(chunk, SkuKey::sellerId, UUID[]::new), column(chunk, SkuKey::marketplaceId, String[]::new),
              column(chunk, SkuKey::sku, String[]::new),
              column(chunk, key -> prices.containsKey(key) ? prices.get(key).toPlainString() : null, String[]::new),
              column(chunk, quantities::get, Integer[]::new)))
          .mapEmpty());
    }
    return done;
  }

  /**
   * Stores the channel's mappings as given (one statement; callers send at most {@value #STATEMENT_ROWS}, each SKU once):
   * new ones are added, known ones take the new ASIN, fulfillment, product type and guardrails and keep what spgate saw
   * of them at Amazon (but FBA stock, once a SKU is no longer FBA). Channels with FBA mappings get an inventory sync.
   */
  Future<Void> upsert(SqlClient client, UUID tenantId, ChannelId channel, Collection<MappingInput> inputs) {
    List<MappingInput> rows = List.copyOf(inputs);
    Future<Void> stored = client.preparedQuery("INSERT INTO channel_mappings (tenant_id, seller_id, marketplace_id, sku, asin, fulfillment,"
            + " product_type, min_price, max_price, max_change_percent, stock_buffer, max_quantity)"
            + " SELECT $1, $2, $3, u.sku, u.asin, u.fulfillment, u.product_type, u.min_price::numeric, u.max_price::numeric,"
            + " u.max_change_percent::numeric, u.stock_buffer::integer, u.max_quantity::integer"
            + " FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])"
            + " AS u (sku, asin, fulfillment, product_type, min_price, max_price, max_change_percent, stock_buffer, max_quantity)"
            + " ORDER BY u.sku"
            + " ON CONFLICT (seller_id, marketplace_id, sku) DO UPDATE SET asin = EXCLUDED.asin, fulfillment = EXCLUDED.fulfillment,"
            + " product_type = EXCLUDED.product_type, min_price = EXCLUDED.min_price, max_price = EXCLUDED.max_price,"
            + " max_change_percent = EXCLUDED.max_change_percent, stock_buffer = EXCLUDED.stock_buffer,"
            + " max_quantity = EXCLUDED.max_quantity, updated_at = now(),"
            + " fba_quantity = CASE WHEN EXCLUDED.fulfillment = 'FBA' THEN channel_mappings.fba_quantity END,"
            + " fba_synced_at = CASE WHEN EXCLUDED.fulfillment = 'FBA' THEN channel_mappings.fba_synced_at END"
            + " WHERE channel_mappings.tenant_id = EXCLUDED.tenant_id")
        .execute(Tuple.from(new Object[] {tenantId, channel.sellerId(), channel.marketplaceId(),
            column(rows, MappingInput::sku, String[]::new), column(rows, MappingInput::asin, String[]::new),
            column(rows, m -> m.fulfillment().name(), String[]::new), column(rows, MappingInput::productType, String[]::new),
            column(rows, m -> text(m.guardrails().minPrice()), String[]::new),
            column(rows, m -> text(m.guardrails().maxPrice()), String[]::new),
            column(rows, m -> text(m.guardrails().maxChangePercent()), String[]::new),
            column(rows, m -> String.valueOf(m.guardrails().stockBuffer()), String[]::new),
            column(rows, m -> m.guardrails().maxQuantity().map(String::valueOf).orElse(null), String[]::new)}))
        .mapEmpty();
    if (rows.stream().noneMatch(m -> m.fulfillment() == Fulfillment.FBA)) {
      return stored;
    }
    return stored.compose(v -> client.preparedQuery("INSERT INTO channel_inventory_syncs (seller_id, marketplace_id, tenant_id)"
            + " VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(channel.sellerId(), channel.marketplaceId(), tenantId)).mapEmpty());
  }

  /** Stores one mapping (see {@link #upsert}) and answers it as stored. */
  Future<Mapping> put(UUID tenantId, ChannelId channel, MappingInput input) {
    return pool.withTransaction(conn -> upsert(conn, tenantId, channel, List.of(input)))
        .compose(v -> get(tenantId, channel, input.sku()))
        .map(Optional::orElseThrow);
  }

  Future<Optional<Mapping>> get(UUID tenantId, ChannelId channel, String sku) {
    return pool.preparedQuery("SELECT " + Mapping.COLUMNS + " FROM channel_mappings WHERE tenant_id = $1 AND seller_id = $2"
            + " AND marketplace_id = $3 AND sku = $4")
        .execute(Tuple.of(tenantId, channel.sellerId(), channel.marketplaceId(), sku))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Mapping.from(rows.iterator().next())));
  }

  /** A page of the channel's mappings by SKU (bytewise), after the SKU {@code after}. */
  Future<List<Mapping>> list(UUID tenantId, ChannelId channel, Optional<String> skuPrefix, Optional<Fulfillment> fulfillment,
      Optional<String> after, int limit) {
    return pool.preparedQuery("SELECT " + Mapping.COLUMNS + " FROM channel_mappings WHERE tenant_id = $1 AND seller_id = $2"
            + " AND marketplace_id = $3 AND ($4::text IS NULL OR (sku >= $4 AND starts_with(sku, $4)))"
            + " AND ($5::text IS NULL OR fulfillment = $5) AND ($6::text IS NULL OR sku > $6) ORDER BY sku LIMIT $7")
        .execute(Tuple.from(new Object[] {tenantId, channel.sellerId(), channel.marketplaceId(), skuPrefix.orElse(null),
            fulfillment.map(Fulfillment::name).orElse(null), after.orElse(null), limit}))
        .map(MappingStore::all);
  }

  Future<Boolean> delete(UUID tenantId, ChannelId channel, String sku) {
    return pool.preparedQuery("DELETE FROM channel_mappings WHERE tenant_id = $1 AND seller_id = $2 AND marketplace_id = $3 AND sku = $4")
        .execute(Tuple.of(tenantId, channel.sellerId(), channel.marketplaceId(), sku))
        .map(rows -> rows.rowCount() == 1);
  }

  /** How many FBA mappings the channel has, and how many of them no sync has read yet. */
  record FbaCounts(long mapped, long neverSynced) {}

  Future<FbaCounts> fbaCounts(ChannelId channel) {
    return pool.preparedQuery("SELECT count(*) AS mapped, count(*) FILTER (WHERE fba_synced_at IS NULL) AS never_synced"
            + " FROM channel_mappings WHERE seller_id = $1 AND marketplace_id = $2 AND fulfillment = 'FBA'")
        .execute(Tuple.of(channel.sellerId(), channel.marketplaceId()))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new FbaCounts(row.getLong("mapped"), row.getLong("never_synced"));
        });
  }

  /** Amazon's fulfillable quantities of one page of a sync begun at {@code syncStart}, on the channel's FBA mappings of those SKUs. */
  Future<Void> recordFbaQuantities(ChannelId channel, Map<String, Integer> quantities, Instant syncStart) {
    if (quantities.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Map.Entry<String, Integer>> rows = List.copyOf(quantities.entrySet());
    return pool.preparedQuery("UPDATE channel_mappings m SET fba_quantity = u.quantity::integer, fba_synced_at = $3"
            + " FROM unnest($4::text[], $5::text[]) AS u (sku, quantity)"
            + " WHERE m.seller_id = $1 AND m.marketplace_id = $2 AND m.sku = u.sku AND m.fulfillment = 'FBA'")
        .execute(Tuple.of(channel.sellerId(), channel.marketplaceId(), utc(syncStart), column(rows, Map.Entry::getKey, String[]::new),
            column(rows, e -> String.valueOf(e.getValue()), String[]::new)))
        .mapEmpty();
  }

  /**
   * A sync begun at {@code syncStart} read every change: the FBA mappings it did not name hold what they held then
   * (those changed since it began are left for the next sync, which reads them whole).
   */
  Future<Void> fbaSynced(ChannelId channel, Instant syncStart) {
    return pool.preparedQuery("UPDATE channel_mappings SET fba_synced_at = $3 WHERE seller_id = $1 AND marketplace_id = $2"
            + " AND fulfillment = 'FBA' AND updated_at < $3 AND (fba_synced_at IS NULL OR fba_synced_at < $3)")
        .execute(Tuple.of(channel.sellerId(), channel.marketplaceId(), utc(syncStart)))
        .mapEmpty();
  }

  static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  private static String text(Optional<BigDecimal> value) {
    return value.map(BigDecimal::toPlainString).orElse(null);
  }

  private static <T, C> C[] column(List<T> rows, Function<T, C> value, java.util.function.IntFunction<C[]> array) {
    C[] out = array.apply(rows.size());
    for (int i = 0; i < out.length; i++) {
      out[i] = value.apply(rows.get(i));
    }
    return out;
  }

  private static List<Mapping> all(RowSet<Row> rows) {
    List<Mapping> mappings = new ArrayList<>();
    rows.forEach(row -> mappings.add(Mapping.from(row)));
    return mappings;
  }
}
