package io.spgate.oauth;

import io.spgate.seller.Region;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Single-use OAuth states in Postgres, so any instance can finish a flow another one began. */
public final class OAuthStates {

  private static final String COLUMNS = "tenant_id, application, region, marketplaces, intent, seller_id, selling_partner_id, return_url";

  private final Pool pool;

  public OAuthStates(Pool pool) {
    this.pool = pool;
  }

  /** What a consent URL was issued for: a new seller, or new credentials for one named seller of that selling partner. */
  public sealed interface Intent {
    record Connect() implements Intent {}

    record Reauthorize(UUID sellerId, String sellingPartnerId) implements Intent {}
  }

  /** Who asked for the consent and for what: the flow resumes for this tenant, application and marketplaces. */
  public record Pending(UUID tenantId, String application, Region region, List<String> marketplaces, Intent intent,
      Optional<URI> returnUrl) {}

  /** Why a state cannot be used (and where its browser lands, when it was one of ours), or the pending authorization it stands for. */
  public sealed interface Consumed {
    record Ok(Pending pending) implements Consumed {}

    record Refused(String code, String detail, Optional<URI> returnUrl) implements Consumed {}
  }

  public Future<OffsetDateTime> create(String nonce, Pending pending, Duration ttl) {
    Optional<Intent.Reauthorize> reauthorize = Optional.of(pending.intent())
        .filter(Intent.Reauthorize.class::isInstance).map(Intent.Reauthorize.class::cast);
    return pool.preparedQuery("INSERT INTO oauth_states (nonce, expires_at, " + COLUMNS + ") "
            + "VALUES ($1, now() + make_interval(secs => $2), $3, $4, $5, $6, $7, $8, $9, $10) RETURNING expires_at")
        .execute(Tuple.from(new Object[] {nonce, (double) ttl.toSeconds(), pending.tenantId(), pending.application(),
            pending.region().code(), pending.marketplaces().toArray(String[]::new), reauthorize.isPresent() ? "reauthorize" : "connect",
            reauthorize.map(Intent.Reauthorize::sellerId).orElse(null), reauthorize.map(Intent.Reauthorize::sellingPartnerId).orElse(null),
            pending.returnUrl().map(URI::toString).orElse(null)}))
        .map(rows -> rows.iterator().next().getOffsetDateTime(0));
  }

  /** Marks the state used in the same statement that checks it, so two callbacks cannot both win. */
  public Future<Consumed> consume(String nonce) {
    return pool.preparedQuery("UPDATE oauth_states SET used_at = now() WHERE nonce = $1 AND used_at IS NULL AND expires_at > now() "
            + "RETURNING " + COLUMNS)
        .execute(Tuple.of(nonce))
        .compose(rows -> {
          if (rows.size() == 1) {
            return Future.succeededFuture(new Consumed.Ok(pending(rows.iterator().next())));
          }
          return pool.preparedQuery("SELECT used_at IS NOT NULL, return_url FROM oauth_states WHERE nonce = $1").execute(Tuple.of(nonce))
              .map(found -> {
                if (found.size() == 0) {
                  return new Consumed.Refused("oauth_state_invalid", "The state is not one this gateway issued.", Optional.empty());
                }
                Row row = found.iterator().next();
                Optional<URI> returnUrl = Optional.ofNullable(row.getString(1)).map(URI::create);
                return row.getBoolean(0)
                    ? new Consumed.Refused("oauth_state_used", "This authorization was already completed; start a new one.", returnUrl)
                    : new Consumed.Refused("oauth_state_expired", "The authorization expired; start a new one.", returnUrl);
              });
        });
  }

  /**
   * Deletes states that expired more than {@code kept} ago: until then a late callback is told its
   * link expired or was used; after, only that the state is unknown. Answers how many went.
   */
  public Future<Integer> purgeExpired(Duration kept) {
    return pool.preparedQuery("DELETE FROM oauth_states WHERE expires_at < now() - make_interval(secs => $1)")
        .execute(Tuple.of((double) kept.toSeconds())).map(rows -> rows.rowCount());
  }

  private static Pending pending(Row row) {
    Intent intent = row.getString("intent").equals("reauthorize")
        ? new Intent.Reauthorize(row.getUUID("seller_id"), row.getString("selling_partner_id")) : new Intent.Connect();
    return new Pending(row.getUUID("tenant_id"), row.getString("application"), Region.parse(row.getString("region")).orElseThrow(),
        List.of(row.getArrayOfStrings("marketplaces")), intent, Optional.ofNullable(row.getString("return_url")).map(URI::create));
  }
}
