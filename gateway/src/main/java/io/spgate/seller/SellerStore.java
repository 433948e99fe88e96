package io.spgate.seller;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.spgate.crypto.SecretBox;
import io.spgate.events.EventTypes;
import io.spgate.events.NewEvent;
import io.spgate.events.Outbox;
import io.spgate.http.ApiException;
import io.spgate.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Sellers in Postgres. Every read and write is scoped by tenant, so one tenant's call can never
 * touch another's seller. Refresh tokens go in and out sealed.
 */
public final class SellerStore {

  private static final String UNIQUE_VIOLATION = "23505";

  /** How long a seller read for a call is reused; changes made elsewhere are seen within this. */
  static final long REUSE_NANOS = 2_000_000_000L;
  /** Sellers called within {@link #REUSE_NANOS}; beyond it the least used are read again. */
  private static final int REUSED_LIMIT = 50_000;

  private final Pool pool;
  private final Outbox outbox = new Outbox();
  private final SecretBox box;
  // Expiry and eviction run on the calling thread: cheap, and no pool of Caffeine's own behind an event loop.
  private final Cache<UUID, Seller> recent = Caffeine.newBuilder().maximumSize(REUSED_LIMIT)
      .expireAfterWrite(REUSE_NANOS, TimeUnit.NANOSECONDS).executor(Runnable::run).build();

  public SellerStore(Pool pool, SecretBox box) {
    this.pool = pool;
    this.box = box;
  }

  /** What a caller may filter a seller list by; {@code idPrefix}: the start of the selling partner id (a search as one types). */
  public record Filter(Optional<Seller.Status> status, Optional<Region> region, Optional<String> marketplaceId,
      Optional<String> application, Optional<String> sellingPartnerId, Optional<String> idPrefix) {}

  /** A new seller, or empty when that selling partner is already registered for the application. */
  public Future<Optional<Seller>> create(UUID tenantId, String sellingPartnerId, String application, Region region,
      List<String> marketplaces, String refreshToken) {
    UUID id = UUID.randomUUID();
    SecretBox.Sealed sealed = box.seal(refreshToken, refreshTokenContext(id));
    return pool.preparedQuery("INSERT INTO sellers (id, tenant_id, selling_partner_id, application, region, marketplaces, status, "
            + "refresh_token_key_id, refresh_token) VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8) RETURNING " + Seller.COLUMNS)
        .execute(Tuple.from(new Object[] {id, tenantId, sellingPartnerId, application, region.code(),
            marketplaces.toArray(String[]::new), sealed.keyId(), Buffer.buffer(sealed.bytes())}))
        .map(rows -> Optional.of(Seller.from(rows.iterator().next())))
        .recover(e -> {
          if (e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
            return Future.succeededFuture(Optional.empty());
          }
          // This instance may still hold an application another one deleted a moment ago.
          return Future.failedFuture(e instanceof PgException pg && "sellers_application_fkey".equals(pg.getConstraint())
              ? new ApiException(Problem.validation("Application " + application + " was deleted.")) : e);
        });
  }

  /**
   * Stores the refresh token of a re-authorization for that tenant's seller, if it is still the selling
   * partner it was, and re-activates it when Amazon had refused its old one; empty when there is no such seller.
   */
  public Future<Optional<Seller>> reauthorize(UUID tenantId, UUID sellerId, String sellingPartnerId, String refreshToken) {
    SecretBox.Sealed sealed = box.seal(refreshToken, refreshTokenContext(sellerId));
    return pool.preparedQuery("UPDATE sellers SET refresh_token_key_id = $4, refresh_token = $5, last_error = NULL, updated_at = now(), "
            + "status = CASE WHEN status = 'reauth_required' THEN 'active' ELSE status END "
            + "WHERE id = $1 AND tenant_id = $2 AND selling_partner_id = $3 RETURNING " + Seller.COLUMNS)
        .execute(Tuple.of(sellerId, tenantId, sellingPartnerId, sealed.keyId(), Buffer.buffer(sealed.bytes())))
        .map(SellerStore::first)
        .onComplete(done -> recent.invalidate(sellerId));
  }

  public Future<Optional<Seller>> get(UUID tenantId, UUID sellerId) {
    return pool.preparedQuery("SELECT " + Seller.COLUMNS + " FROM sellers WHERE id = $1 AND tenant_id = $2")
        .execute(Tuple.of(sellerId, tenantId))
        .map(SellerStore::first);
  }

  /** Those of the given sellers that are the tenant's, by id: one query for a whole batch of updates. */
  public Future<Map<UUID, Seller>> ofTenant(UUID tenantId, Collection<UUID> sellerIds) {
    return pool.preparedQuery("SELECT " + Seller.COLUMNS + " FROM sellers WHERE tenant_id = $1 AND id = ANY ($2)")
        .execute(Tuple.of(tenantId, (Object) sellerIds.toArray(UUID[]::new)))
        .map(rows -> {
          Map<UUID, Seller> found = new HashMap<>();
          rows.forEach(row -> found.put(row.getUUID("id"), Seller.from(row)));
          return found;
        });
  }

  /**
   * A seller for an SP-API call (whose tenant the caller checks), from a read at most
   * {@link #REUSE_NANOS} old: a busy seller costs no query per call. Changes made through this
   * instance are seen at once.
   */
  public Future<Optional<Seller>> forCall(UUID sellerId) {
    Seller read = recent.getIfPresent(sellerId);
    if (read != null) {
      return Future.succeededFuture(Optional.of(read));
    }
    return byId(sellerId).map(found -> {
      found.ifPresent(seller -> recent.put(sellerId, seller));
      return found;
    });
  }

  /** Looks a seller up for the token machinery, which acts for every tenant. */
  public Future<Optional<Seller>> byId(UUID sellerId) {
    return pool.preparedQuery("SELECT " + Seller.COLUMNS + " FROM sellers WHERE id = $1")
        .execute(Tuple.of(sellerId))
        .map(SellerStore::first);
  }

  /** How many of a tenant's sellers are in each status, and how many active ones failed their last token refresh. */
  public record Counts(Map<Seller.Status, Long> byStatus, long tokenErrors) {}

  public Future<Counts> counts(UUID tenantId) {
    return pool.preparedQuery("SELECT status, count(*) AS sellers,"
            + " count(*) FILTER (WHERE status = 'active' AND last_error IS NOT NULL) AS token_errors"
            + " FROM sellers WHERE tenant_id = $1 GROUP BY status")
        .execute(Tuple.of(tenantId))
        .map(rows -> {
          Map<Seller.Status, Long> byStatus = new EnumMap<>(Seller.Status.class);
          long tokenErrors = 0;
          for (Row row : rows) {
            byStatus.put(Seller.Status.parse(row.getString("status")).orElseThrow(), row.getLong("sellers"));
            tokenErrors += row.getLong("token_errors");
          }
          return new Counts(byStatus, tokenErrors);
        });
  }

  /** How many sellers of all tenants are in each status. */
  public Future<Map<Seller.Status, Long>> countsOfAllTenants() {
    return pool.query("SELECT status, count(*) FROM sellers GROUP BY status").execute().map(rows -> {
      Map<Seller.Status, Long> byStatus = new EnumMap<>(Seller.Status.class);
      rows.forEach(row -> byStatus.put(Seller.Status.parse(row.getString(0)).orElseThrow(), row.getLong(1)));
      return byStatus;
    });
  }

  /** A page of a tenant's sellers in creation order, after the seller {@code after}. */
  public Future<List<Seller>> list(UUID tenantId, Filter filter, Optional<UUID> after, int limit) {
    return pool.preparedQuery("SELECT " + Seller.COLUMNS + " FROM sellers s WHERE tenant_id = $1"
            + " AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR region = $3)"
            + " AND ($4::text IS NULL OR $4 = ANY (marketplaces)) AND ($5::text IS NULL OR application = $5)"
            + " AND ($6::text IS NULL OR selling_partner_id = $6)"
            + " AND ($7::uuid IS NULL OR (created_at, id) > (SELECT created_at, id FROM sellers WHERE id = $7))"
            + " AND ($9::text IS NULL OR starts_with(selling_partner_id, $9))"
            + " ORDER BY created_at, id LIMIT $8")
        .execute(Tuple.from(new Object[] {tenantId, filter.status().map(Seller.Status::value).orElse(null),
            filter.region().map(Region::code).orElse(null), filter.marketplaceId().orElse(null), filter.application().orElse(null),
            filter.sellingPartnerId().orElse(null), after.orElse(null), limit, filter.idPrefix().orElse(null)}))
        .map(rows -> {
          List<Seller> page = new ArrayList<>();
          rows.forEach(row -> page.add(Seller.from(row)));
          return page;
        });
  }

  /** Changes marketplaces and/or status (active or disabled); empty when the seller is not the tenant's. */
  public Future<Optional<Seller>> update(UUID tenantId, UUID sellerId, Optional<List<String>> marketplaces,
      Optional<Seller.Status> status) {
    return pool.preparedQuery("UPDATE sellers SET marketplaces = COALESCE($3, marketplaces), status = COALESCE($4, status), "
            + "updated_at = now() WHERE id = $1 AND tenant_id = $2 RETURNING " + Seller.COLUMNS)
        .execute(Tuple.of(sellerId, tenantId, marketplaces.map(m -> m.toArray(String[]::new)).orElse(null),
            status.map(Seller.Status::value).orElse(null)))
        .map(SellerStore::first)
        .onComplete(done -> recent.invalidate(sellerId));
  }

  /** Deletes the seller and with it the only copy of its refresh token. */
  public Future<Boolean> delete(UUID tenantId, UUID sellerId) {
    return pool.preparedQuery("DELETE FROM sellers WHERE id = $1 AND tenant_id = $2")
        .execute(Tuple.of(sellerId, tenantId))
        .map(rows -> rows.rowCount() == 1)
        .onComplete(done -> recent.invalidate(sellerId));
  }

  /** What a token refresh needs of a seller: its application and its refresh token, opened. */
  public record RefreshCredentials(String application, String refreshToken) {
    @Override
    public String toString() {
      return "RefreshCredentials[application=" + application + "]";
    }
  }

  /** A seller's refresh credentials in one read, or empty when the seller no longer exists. */
  public Future<Optional<RefreshCredentials>> refreshCredentials(UUID sellerId) {
    return pool.preparedQuery("SELECT application, refresh_token_key_id, refresh_token FROM sellers WHERE id = $1")
        .execute(Tuple.of(sellerId))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new RefreshCredentials(row.getString(0),
              box.open(new SecretBox.Sealed(row.getString(1), row.getBuffer(2).getBytes()), refreshTokenContext(sellerId))));
        });
  }

  public Future<String> refreshToken(UUID sellerId) {
    return refreshCredentials(sellerId).map(found -> found.orElseThrow().refreshToken());
  }

  /** A refresh that succeeded, for the seller's token health. */
  public record Refreshed(UUID sellerId, Instant at, Instant expiresAt) {}

  /**
   * Records successful refreshes in one statement. A refresh clears the seller's last error unless
   * the row changed after it (a failure recorded since); an older refresh never replaces a newer one.
   */
  public Future<Void> recordRefreshes(Collection<Refreshed> refreshes) {
    List<UUID> ids = new ArrayList<>(refreshes.size());
    List<OffsetDateTime> at = new ArrayList<>(refreshes.size());
    List<OffsetDateTime> expires = new ArrayList<>(refreshes.size());
    for (Refreshed refresh : refreshes) {
      ids.add(refresh.sellerId());
      at.add(OffsetDateTime.ofInstant(refresh.at(), ZoneOffset.UTC));
      expires.add(OffsetDateTime.ofInstant(refresh.expiresAt(), ZoneOffset.UTC));
    }
    return pool.preparedQuery("UPDATE sellers s SET last_refresh_at = r.at, token_expires_at = r.expires,"
            + " last_error = CASE WHEN s.updated_at > r.at THEN s.last_error END"
            + " FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS r(id, at, expires)"
            + " WHERE s.id = r.id AND (s.last_refresh_at IS NULL OR s.last_refresh_at <= r.at)")
        .execute(Tuple.of(ids.toArray(UUID[]::new), at.toArray(OffsetDateTime[]::new), expires.toArray(OffsetDateTime[]::new)))
        .mapEmpty();
  }

  /** Records a failed refresh; {@code reauthRequired} when LWA said the grant is dead. Answers the seller's tenant, if it still exists. */
  public Future<Optional<UUID>> recordFailure(UUID sellerId, String error, boolean reauthRequired) {
    // The seller's tenant hears once that it must be re-authorized: when its status turns, in the same transaction.
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE sellers s SET last_error = $2, status = CASE WHEN $3 THEN"
            + " 'reauth_required' ELSE s.status END, updated_at = now() FROM (SELECT status FROM sellers WHERE id = $1 FOR UPDATE) before"
            + " WHERE s.id = $1 RETURNING s.tenant_id, s.selling_partner_id, before.status AS before, s.status AS after")
        .execute(Tuple.of(sellerId, error, reauthRequired))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Optional.<UUID>empty());
          }
          Row row = rows.iterator().next();
          UUID tenant = row.getUUID("tenant_id");
          boolean turned = "reauth_required".equals(row.getString("after")) && !"reauth_required".equals(row.getString("before"));
          return (turned ? outbox.append(tx, List.of(new NewEvent(tenant, EventTypes.SELLER_REAUTHORIZATION_REQUIRED, "seller",
              sellerId.toString(), new JsonObject().put("sellerId", sellerId.toString())
                  .put("sellingPartnerId", row.getString("selling_partner_id"))))) : Future.<Void>succeededFuture())
              .map(Optional.of(tenant));
        }))
        .onComplete(done -> recent.invalidate(sellerId));
  }

  /**
   * Re-encrypts every refresh token sealed under an older key, a batch at a time, while the
   * gateway keeps serving; answers how many were re-sealed.
   */
  public Future<Integer> resealAll(int batch) {
    return pool.preparedQuery("SELECT id, refresh_token_key_id, refresh_token FROM sellers WHERE refresh_token_key_id <> $1 LIMIT $2")
        .execute(Tuple.of(box.newestKeyId(), batch))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(0);
          }
          List<Tuple> updates = new ArrayList<>();
          for (Row row : rows) {
            UUID id = row.getUUID(0);
            SecretBox.Sealed old = new SecretBox.Sealed(row.getString(1), row.getBuffer(2).getBytes());
            SecretBox.Sealed fresh = box.reseal(old, refreshTokenContext(id));
            updates.add(Tuple.of(id, old.keyId(), fresh.keyId(), Buffer.buffer(fresh.bytes())));
          }
          // Only rows still sealed as read are rewritten, so a token re-authorized meanwhile is kept.
          return pool.preparedQuery("UPDATE sellers SET refresh_token_key_id = $3, refresh_token = $4"
                  + " WHERE id = $1 AND refresh_token_key_id = $2")
              .executeBatch(updates)
              .compose(done -> resealAll(batch).map(more -> more + updates.size()));
        });
  }

  static String refreshTokenContext(UUID sellerId) {
    return "seller:" + sellerId + ":refresh_token";
  }

  private static Optional<Seller> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(Seller.from(rows.iterator().next()));
  }
}
