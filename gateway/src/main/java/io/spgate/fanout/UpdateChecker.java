package io.spgate.fanout;

import io.spgate.channels.ChannelId;
import io.spgate.channels.MappingRules;
import io.spgate.channels.MappingStore;
import io.spgate.channels.SkuKey;
import io.spgate.seller.Seller;
import io.spgate.seller.SellerStore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Checks the updates of one request a chunk at a time: one query for the sellers it has not met yet
 * (kept for the rest of the request) and one for the chunk's mappings.
 */
final class UpdateChecker {

  /** A checked chunk: what passed, and why the rest did not. */
  record Checked(List<ValidUpdate> valid, List<Rejection> rejected) {}

  private final UUID tenantId;
  private final SellerStore sellers;
  private final MappingStore mappings;
  private final Map<UUID, Optional<Seller>> sellersMet = new HashMap<>();
  private final Map<String, Optional<ChannelId>> channelIds = new HashMap<>();

  UpdateChecker(UUID tenantId, SellerStore sellers, MappingStore mappings) {
    this.tenantId = tenantId;
    this.sellers = sellers;
    this.mappings = mappings;
  }

  Optional<Seller> seller(UUID sellerId) {
    return sellersMet.getOrDefault(sellerId, Optional.empty());
  }

  Future<Checked> check(List<RawUpdate> chunk) {
    List<ParsedUpdate> parsed = new ArrayList<>(chunk.size());
    List<Rejection> rejected = new ArrayList<>();
    for (RawUpdate raw : chunk) {
      try {
        parsed.add(ParsedUpdate.parse(raw, channelIds));
      } catch (RejectedUpdateException e) {
        rejected.add(e.at(raw.index()));
      }
    }
    Set<UUID> unknown = new HashSet<>();
    Set<SkuKey> keys = new HashSet<>();
    for (ParsedUpdate update : parsed) {
      if (!sellersMet.containsKey(update.channel().sellerId())) {
        unknown.add(update.channel().sellerId());
      }
      keys.add(new SkuKey(update.channel().sellerId(), update.channel().marketplaceId(), update.sku()));
    }
    Future<Void> sellersRead = unknown.isEmpty() ? Future.succeededFuture() : sellers.ofTenant(tenantId, unknown).map(found -> {
      unknown.forEach(id -> sellersMet.put(id, Optional.ofNullable(found.get(id))));
      return null;
    });
    return sellersRead.compose(v -> mappings.rules(tenantId, keys)).map(found -> {
      List<ValidUpdate> valid = new ArrayList<>(parsed.size());
      for (ParsedUpdate update : parsed) {
        Optional<List<String>> marketplaces = seller(update.channel().sellerId()).map(Seller::marketplaces);
        Optional<MappingRules> mapping = Optional.ofNullable(found.get(new SkuKey(update.channel().sellerId(),
            update.channel().marketplaceId(), update.sku())));
        try {
          valid.add(UpdateRules.check(update, marketplaces, mapping));
        } catch (RejectedUpdateException e) {
          rejected.add(e.at(update.index()));
        }
      }
      return new Checked(valid, rejected);
    });
  }
}
