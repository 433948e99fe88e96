package io.spgate.oauth;

import io.spgate.quota.Lane;
import io.spgate.seller.Marketplace;
import io.spgate.seller.Seller;
import io.spgate.seller.SellerStore;
import io.spgate.spapi.MarketplaceParticipation;
import io.spgate.spapi.SpApiClient;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consent names one marketplace, but a seller usually sells in several of its region. Right after
 * a seller connects, spgate asks Amazon (getMarketplaceParticipations, which also shows the new
 * refresh token works) and keeps the marketplaces of the seller's region it participates in, the
 * consent's first. If Amazon cannot be asked, the seller keeps the consent's marketplace and the
 * connection still succeeds: the tenant can add the others ({@code PATCH /v1/sellers/{id}}).
 */
final class ParticipatingMarketplaces {

  /** A person waits in the browser meanwhile. */
  static final SpApiClient.CallOptions OPTIONS = new SpApiClient.CallOptions(Duration.ofSeconds(5), Optional.of(Lane.URGENT));
  private static final Logger LOG = LoggerFactory.getLogger(ParticipatingMarketplaces.class);

  private final SpApiClient spApi;
  private final SellerStore sellers;

  ParticipatingMarketplaces(SpApiClient spApi, SellerStore sellers) {
    this.spApi = spApi;
    this.sellers = sellers;
  }

  /** The seller with the marketplaces Amazon says it participates in; as it was when Amazon could not say. */
  Future<Seller> learn(Seller seller) {
    return spApi.getMarketplaceParticipations(seller, OPTIONS)
        .compose(participations -> {
          Set<String> marketplaces = new LinkedHashSet<>(seller.marketplaces());
          participations.stream().filter(MarketplaceParticipation::participating).map(MarketplaceParticipation::marketplaceId)
              .filter(id -> Marketplace.byId(id).map(m -> m.region() == seller.region()).orElse(false))
              .forEach(marketplaces::add);
          if (marketplaces.size() == seller.marketplaces().size()) {
            return Future.succeededFuture(seller);
          }
          return sellers.update(seller.tenantId(), seller.id(), Optional.of(List.copyOf(marketplaces)), Optional.empty())
              .map(updated -> updated.orElse(seller));
        })
        .recover(e -> {
          LOG.warn("Could not learn from Amazon which marketplaces seller {} participates in ({}); it keeps {}", seller.id(),
              e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), seller.marketplaces());
          return Future.succeededFuture(seller);
        });
  }
}
