package io.spgate.channels;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Channels, read from the tenant's sellers and their marketplaces (there is no table of channels),
 * with each one's count of mappings and the time of its last FBA inventory sync.
 */
public final class ChannelStore {

  /** What a tenant may filter its channels by; {@code q}: the start of the selling partner id, in any case. */
  record Filter(Optional<UUID> sellerId, Optional<String> marketplaceId, Optional<String> q) {}

  private static final String SELECT = "SELECT s.id, s.tenant_id, s.selling_partner_id, s.region, s.status, m.marketplace_id,"
      + " (SELECT count(*) FROM channel_mappings c WHERE c.seller_id = s.id AND c.marketplace_id = m.marketplace_id) AS mappings,"
      + " y.synced_at FROM sellers s CROSS JOIN LATERAL unnest(s.marketplaces) AS m (marketplace_id)"
      + " LEFT JOIN channel_inventory_syncs y ON y.seller_id = s.id AND y.marketplace_id = m.marketplace_id";

  private final Pool pool;

  public ChannelStore(Pool pool) {
    this.pool = pool;
  }

  /** The tenant's channel, if its seller is the tenant's and still has the marketplace. */
  public Future<Optional<Channel>> get(UUID tenantId, ChannelId id) {
    return pool.preparedQuery(SELECT + " WHERE s.tenant_id = $1 AND s.id = $2 AND m.marketplace_id = $3")
        .execute(Tuple.of(tenantId, id.sellerId(), id.marketplaceId()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Channel.from(rows.iterator().next())));
  }

  /** A page of the tenant's channels, its sellers in the order they were registered, after the channel {@code after}. */
  Future<List<Channel>> list(UUID tenantId, Filter filter, Optional<ChannelId> after, int limit) {
    return pool.preparedQuery(SELECT + " WHERE s.tenant_id = $1 AND ($2::uuid IS NULL OR s.id = $2)"
            + " AND ($3::text IS NULL OR m.marketplace_id = $3)"
            + " AND ($4::text IS NULL OR starts_with(upper(s.selling_partner_id), upper($4)))"
            + " AND ($5::uuid IS NULL OR (s.created_at, s.id, m.marketplace_id) > ((SELECT created_at FROM sellers WHERE id = $5), $5, $6))"
            + " ORDER BY s.created_at, s.id, m.marketplace_id LIMIT $7")
        .execute(Tuple.from(new Object[] {tenantId, filter.sellerId().orElse(null), filter.marketplaceId().orElse(null),
            filter.q().orElse(null), after.map(ChannelId::sellerId).orElse(null), after.map(ChannelId::marketplaceId).orElse(null),
            limit}))
        .map(ChannelStore::all);
  }

  private static List<Channel> all(RowSet<Row> rows) {
    List<Channel> channels = new ArrayList<>();
    rows.forEach(row -> channels.add(Channel.from(row)));
    return channels;
  }
}
