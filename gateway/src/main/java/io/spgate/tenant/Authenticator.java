package io.spgate.tenant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.spgate.http.ApiException;
import io.spgate.http.Problem;
import io.spgate.logging.LogContext;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Authenticates {@code Authorization: Bearer <key>} on every /v1 route. Valid keys are remembered
 * briefly so a busy caller costs one hash, not one query, per request; revoking a key forgets it
 * here at once and on other instances within {@link #CACHE_NANOS}.
 */
public final class Authenticator implements Handler<RoutingContext> {

  static final long CACHE_NANOS = 30_000_000_000L;
  /** Keys in use at once; beyond it the least used are looked up again. */
  private static final int CACHE_LIMIT = 10_000;

  private static final String BY_SESSION = "authenticatedBySession";

  private final TenantStore store;
  private final ConsoleSessions sessions;
  // Expiry and eviction run on the calling thread: cheap, and no pool of Caffeine's own behind an event loop.
  private final Cache<String, Caller> cache = Caffeine.newBuilder().maximumSize(CACHE_LIMIT)
      .expireAfterWrite(CACHE_NANOS, TimeUnit.NANOSECONDS).executor(Runnable::run).build();

  public Authenticator(TenantStore store, ConsoleSessions sessions) {
    this.store = store;
    this.sessions = sessions;
  }

  /**
   * An API key in {@code Authorization}; without one, the console's session cookie ({@link
   * ConsoleSessions}: its key's caller, and for a write its CSRF token too).
   */
  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    boolean bySession = (header == null || header.isBlank()) && ConsoleSessions.presented(ctx);
    Future<Caller> caller = bySession ? sessions.session(ctx).map(ConsoleSessions.Session::caller) : authenticate(header);
    ctx.put(BY_SESSION, bySession);
    caller.compose(found -> actingTenantExists(ctx, found))
        .onComplete(result -> {
          if (result.failed()) {
            ctx.fail(result.cause());
          } else {
            result.result().attachTo(ctx);
            result.result().tenantId().ifPresent(LogContext::tenant);
            ctx.next();
          }
        });
  }

  /** The caller an {@code Authorization} header names; fails with a 401 problem when it names none. */
  public Future<Caller> authenticate(String header) {
    if (header == null || header.isBlank()) {
      return Future.failedFuture(new ApiException(Problem.unauthorized("missing_api_key",
          "Send an API key as 'Authorization: Bearer <key>'.")));
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
      return Future.failedFuture(new ApiException(Problem.unauthorized("invalid_api_key",
          "The Authorization header must be 'Bearer <key>'.")));
    }
    return caller(new ApiKeySecret(header.substring(7).trim()).hash()).compose(caller -> caller != null ? Future.succeededFuture(caller)
        : Future.failedFuture(new ApiException(Problem.unauthorized("invalid_api_key", "The API key is unknown or revoked."))));
  }

  /**
   * An admin key acts for the tenant its {@code ?tenantId=} names (see {@link Caller#actingTenant}); one that names no
   * tenant gets 404 here, on every route, rather than whatever each route's queries would make of it.
   */
  private Future<Caller> actingTenantExists(RoutingContext ctx, Caller caller) {
    String requested = ctx.queryParams().get("tenantId");
    UUID tenantId;
    try {
      tenantId = caller.isAdmin() && requested != null ? UUID.fromString(requested) : null;
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(caller);
    }
    return tenantId == null ? Future.succeededFuture(caller) : store.tenant(tenantId).compose(found -> found.isPresent()
        ? Future.succeededFuture(caller)
        : Future.failedFuture(new ApiException(Problem.notFound("Tenant " + tenantId + " does not exist."))));
  }

  /** Whether the request was authenticated by a console session rather than an API key. */
  public static boolean bySession(RoutingContext ctx) {
    return Boolean.TRUE.equals(ctx.get(BY_SESSION));
  }

  /** Forgets a revoked key on this instance. */
  public void forget(UUID keyId) {
    cache.asMap().values().removeIf(caller -> caller.keyId().equals(keyId));
  }

  private Future<Caller> caller(byte[] hash) {
    String cacheKey = HexFormat.of().formatHex(hash);
    Caller remembered = cache.getIfPresent(cacheKey);
    if (remembered != null) {
      return Future.succeededFuture(remembered);
    }
    return store.activeKeyByHash(hash).map(key -> key.map(found -> {
      Caller caller = found.toCaller();
      cache.put(cacheKey, caller);
      return caller;
    }).orElse(null));
  }
}
