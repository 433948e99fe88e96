package io.spgate.oauth;

import io.spgate.seller.Region;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Single-use OAuth states in Postgres, so any instance can finish a flow another one began. */
public final class OAuthStates {

  private final Pool pool;

  public OAuthStates(Pool pool) {
    this.pool = pool;
  }

  /** Who asked for the consent: the flow resumes for this tenant, application and marketplaces. */
  public record Pending(UUID tenantId, String application, Region region, List<String> marketplaces) {}

  /** Why a state cannot be used, or the pending authorization it stands for. */
  public sealed interface Consumed {
    record Ok(Pending pending) implements Consumed {}

    record Refused(String code, String detail) implements Consumed {}
  }

  public Future<OffsetDateTime> create(String nonce, Pending pending, Duration ttl) {
    return pool.preparedQuery("INSERT INTO oauth_states (nonce, tenant_id, application, region, marketplaces, expires_at) "
            + "VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6)) RETURNING expires_at")
        .execute(Tuple.of(nonce, pending.tenantId(), pending.application(), pending.region().code(),
            pending.marketplaces().toArray(String[]::new), (double) ttl.toSeconds()))
        .map(rows -> rows.iterator().next().getOffsetDateTime(0));
  }

  /** Marks the state used in the same statement that checks it, so two callbacks cannot both win. */
  public Future<Consumed> consume(String nonce) {
    return pool.preparedQuery("UPDATE oauth_states SET used_at = now() WHERE nonce = $1 AND used_at IS NULL AND expires_at > now() "
            + "RETURNING tenant_id, application, region, marketplaces")
        .execute(Tuple.of(nonce))
        .compose(rows -> {
          if (rows.size() == 1) {
            Row row = rows.iterator().next();
            return Future.succeededFuture(new Consumed.Ok(new Pending(row.getUUID(0), row.getString(1),
                Region.parse(row.getString(2)).orElseThrow(), List.of(row.getArrayOfStrings(3)))));
          }
          return pool.preparedQuery("SELECT used_at IS NOT NULL FROM oauth_states WHERE nonce = $1").execute(Tuple.of(nonce))
              .map(found -> found.size() == 0
                  ? new Consumed.Refused("oauth_state_invalid", "The state is not one this gateway issued.")
                  : found.iterator().next().getBoolean(0)
                      ? new Consumed.Refused("oauth_state_used", "This authorization was already completed; start a new one.")
                      : new Consumed.Refused("oauth_state_expired", "The authorization expired; start a new one."));
        });
  }
}
