package io.spgate.channels;

import io.spgate.store.TurnsByTenant;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** When each channel's FBA inventory is synced next, who syncs it now, and how its last sync went ({@code channel_inventory_syncs}). */
final class InventorySyncStore {

  private static final TurnsByTenant DUE = new TurnsByTenant("channel_inventory_syncs", List.of("seller_id", "marketplace_id"),
      "next_sync_at", TurnsByTenant.dueAndFree("next_sync_at", "now()"), "", "{t}.tenant_id");

  /**
   * A channel leased for one sync at {@code leasedAt} (the database's clock); {@code syncedAt}: when its last complete
   * sync began, {@code fullSyncedAt}: its last that read every SKU.
   */
  record Lease(ChannelId channel, UUID tenantId, Instant leasedAt, Optional<Instant> syncedAt, Optional<Instant> fullSyncedAt) {}

  private final Pool pool;

  InventorySyncStore(Pool pool) {
    this.pool = pool;
  }

  /** Takes up to {@code limit} channels whose sync is due, for {@code lease}: other instances skip them until it runs out. */
  Future<List<Lease>> leaseDue(int limit, Duration lease) {
    return pool.preparedQuery("UPDATE channel_inventory_syncs SET lease_until = now() + $2 * interval '1 millisecond'"
            + " WHERE (seller_id, marketplace_id) IN (" + DUE.due("$1") + ")"
            + " RETURNING seller_id, marketplace_id, tenant_id, now() AS leased_at, synced_at, full_synced_at")
        .execute(Tuple.of(limit, lease.toMillis()))
        .map(rows -> {
          List<Lease> leases = new ArrayList<>();
          for (Row row : rows) {
            leases.add(new Lease(new ChannelId(row.getUUID("seller_id"), row.getString("marketplace_id")), row.getUUID("tenant_id"),
                row.getOffsetDateTime("leased_at").toInstant(), instant(row, "synced_at"), instant(row, "full_synced_at")));
          }
          return leases;
        });
  }

  /** Keeps a long sync's lease for another {@code lease}. */
  Future<Void> extend(ChannelId channel, Duration lease) {
    return pool.preparedQuery("UPDATE channel_inventory_syncs SET lease_until = now() + $3 * interval '1 millisecond'"
            + " WHERE seller_id = $1 AND marketplace_id = $2")
        .execute(Tuple.of(channel.sellerId(), channel.marketplaceId(), lease.toMillis()))
        .mapEmpty();
  }

  /** A sync that began at {@code began} read every change (every SKU when {@code full}); the next is due after {@code every}. */
  Future<Void> synced(ChannelId channel, Instant began, boolean full, Duration every) {
    return pool.preparedQuery("UPDATE channel_inventory_syncs SET synced_at = $3,"
            + " full_synced_at = CASE WHEN $4 THEN $3 ELSE full_synced_at END, last_error = NULL, last_error_at = NULL,"
            // A sync asked for while this one ran (due after it began) comes right after it, not a period later.
            + " lease_until = NULL, next_sync_at = CASE WHEN next_sync_at > $3 THEN next_sync_at"
            + " ELSE now() + $5 * interval '1 millisecond' END WHERE seller_id = $1 AND marketplace_id = $2")
        .execute(Tuple.of(channel.sellerId(), channel.marketplaceId(), MappingStore.utc(began), full, every.toMillis()))
        .mapEmpty();
  }

  /** The sync failed; it is tried again after {@code retryAfter}. */
  Future<Void> failed(ChannelId channel, String error, Duration retryAfter) {
    return pool.preparedQuery("UPDATE channel_inventory_syncs SET last_error = $3, last_error_at = now(), lease_until = NULL,"
            + " next_sync_at = now() + $4 * interval '1 millisecond' WHERE seller_id = $1 AND marketplace_id = $2")
        .execute(Tuple.of(channel.sellerId(), channel.marketplaceId(), error, retryAfter.toMillis()))
        .mapEmpty();
  }

  /** The channel has nothing to sync (no FBA mapping, or the seller no longer has the marketplace): it leaves the schedule. */
  Future<Void> forget(ChannelId channel) {
    return pool.preparedQuery("DELETE FROM channel_inventory_syncs WHERE seller_id = $1 AND marketplace_id = $2")
        .execute(Tuple.of(channel.sellerId(), channel.marketplaceId()))
        .mapEmpty();
  }

  /** Asks for a sync of the tenant's channel as soon as an instance is free for it. */
  Future<Void> requestNow(UUID tenantId, ChannelId channel) {
    return pool.preparedQuery("INSERT INTO channel_inventory_syncs (seller_id, marketplace_id, tenant_id, next_sync_at)"
            + " VALUES ($1, $2, $3, now()) ON CONFLICT (seller_id, marketplace_id) DO UPDATE SET next_sync_at = now()")
        .execute(Tuple.of(channel.sellerId(), channel.marketplaceId(), tenantId))
        .mapEmpty();
  }

  private static Optional<Instant> instant(Row row, String column) {
    return Optional.ofNullable(row.getOffsetDateTime(column)).map(OffsetDateTime::toInstant);
  }
}
