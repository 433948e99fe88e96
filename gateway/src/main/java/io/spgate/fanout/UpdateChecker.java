package io.spgate.fanout;

import io.spgate.channels.Mapping;
import io.spgate.channels.MappingStore;
import io.spgate.channels.SkuKey;
import io.spgate.seller.Seller;
import io.spgate.seller.SellerStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the updates of one request a chunk at a time: one query for the sellers it has not met yet
 * (kept for the rest of the request) and one for the chunk's mappings. The per-update work runs on a
 * worker thread, so that the event loop reads the next chunk of the body meanwhile.
 */
final class UpdateChecker {

  /** A checked chunk: what passed, and why the rest did not. */
  record Checked(List<ValidUpdate> valid, List<Rejection> rejected) {}

  /** A chunk whose updates were parsed: those with the right shapes, the rest refused, and what to look up for them. */
  private record Parsed(List<ParsedUpdate> updates, List<Rejection> rejected, Set<UUID> unknownSellers, Set<SkuKey> keys) {}

  private final Vertx vertx;
  private final UUID tenantId;
  private final SellerStore sellers;
  private final MappingStore mappings;
  /** Chunks are checked side by side on worker threads. */
  private final Map<UUID, Optional<Seller>> sellersMet = new ConcurrentHashMap<>();

  UpdateChecker(Vertx vertx, UUID tenantId, SellerStore sellers, MappingStore mappings) {
    this.vertx = vertx;
    this.tenantId = tenantId;
    this.sellers = sellers;
    this.mappings = mappings;
  }

  Optional<Seller> seller(UUID sellerId) {
    return sellersMet.getOrDefault(sellerId, Optional.empty());
  }

  Future<Checked> check(List<RawUpdate> chunk) {
    return vertx.executeBlocking(() -> parse(chunk), false).compose(parsed -> {
      Future<Void> sellersRead = parsed.unknownSellers().isEmpty() ? Future.succeededFuture()
          : sellers.ofTenant(tenantId, parsed.unknownSellers()).map(found -> {
            parsed.unknownSellers().forEach(id -> sellersMet.put(id, Optional.ofNullable(found.get(id))));
            return null;
          });
      return sellersRead.compose(v -> mappings.find(tenantId, parsed.keys()))
          .compose(found -> vertx.executeBlocking(() -> checkRules(parsed, found), false));
    });
  }

  private Parsed parse(List<RawUpdate> chunk) {
    List<ParsedUpdate> parsed = new ArrayList<>(chunk.size());
    List<Rejection> rejected = new ArrayList<>();
    for (RawUpdate raw : chunk) {
      try {
        parsed.add(ParsedUpdate.parse(raw));
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
    return new Parsed(parsed, rejected, unknown, keys);
  }

  private Checked checkRules(Parsed parsed, Map<SkuKey, Mapping> found) {
    List<ValidUpdate> valid = new ArrayList<>(parsed.updates().size());
    List<Rejection> rejected = parsed.rejected();
    for (ParsedUpdate update : parsed.updates()) {
      Optional<List<String>> marketplaces = seller(update.channel().sellerId()).map(Seller::marketplaces);
      Optional<Mapping> mapping = Optional.ofNullable(found.get(new SkuKey(update.channel().sellerId(),
          update.channel().marketplaceId(), update.sku())));
      try {
        valid.add(UpdateRules.check(update, marketplaces, mapping));
      } catch (RejectedUpdateException e) {
        rejected.add(e.at(update.index()));
      }
    }
    return new Checked(valid, rejected);
  }
}
