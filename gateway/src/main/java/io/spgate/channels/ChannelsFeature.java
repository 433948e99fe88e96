package io.spgate.channels;

import io.spgate.events.Outbox;
import io.spgate.http.Feature;
import io.spgate.notifications.NotificationEffect;
import io.spgate.seller.SellerStore;
import io.spgate.spapi.SpApiClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.Map;

/**
 * Channels: each seller on each of its marketplaces, the mappings of their SKUs that updates go
 * through (with the guardrails updates keep), and Amazon's FBA stock of the mapped FBA SKUs, synced
 * every period by whichever instance leases the channel.
 */
public final class ChannelsFeature implements Feature {

  /** How often each instance looks for channels whose sync is due. */
  private static final Duration TICK = Duration.ofSeconds(1);
  /** A page's call may wait this long for its quota slot: the token of the next page lives 30 s. */
  private static final Duration PAGE_MAX_WAIT = Duration.ofSeconds(20);

  private final ChannelRoutes routes;
  private final InventorySync sync;

  /** @param syncEvery how often each channel's FBA inventory is read (SPGATE_INVENTORY_SYNC_EVERY) */
  public ChannelsFeature(Vertx vertx, Pool pool, SellerStore sellers, SpApiClient spApi, Duration syncEvery) {
    MappingStore mappings = new MappingStore(pool);
    InventorySyncStore syncs = new InventorySyncStore(pool);
    this.routes = new ChannelRoutes(pool, new ChannelStore(pool), mappings, syncs);
    this.sync = new InventorySync(vertx, syncs, mappings, sellers, new FbaInventory(spApi, PAGE_MAX_WAIT), syncEvery);
  }

  /**
   * What notifications do here, by type: listing statuses and offer changes become events. The schema's enum spells the type
   * LISTINGS_ITEM_STATUS_CHANGED, its example and Amazon's documentation LISTINGS_ITEM_STATUS_CHANGE: both are taken.
   */
  public Map<String, NotificationEffect> notificationEffects() {
    ListingStatusEffect listingStatus = new ListingStatusEffect(new Outbox());
    return Map.of("LISTINGS_ITEM_STATUS_CHANGE", listingStatus, "LISTINGS_ITEM_STATUS_CHANGED", listingStatus,
        "ANY_OFFER_CHANGED", new OfferChangeEffect(new Outbox()));
  }

  @Override
  public void mountApi(Router v1) {
    routes.mount(v1);
  }

  @Override
  public void mountStreaming(Router v1) {
    routes.mountStreaming(v1);
  }

  @Override
  public Future<Void> startWorkers() {
    sync.start(TICK);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stopWorkers() {
    return sync.stop();
  }
}
