package io.spgate.fairness;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.spgate.http.ApiException;
import io.spgate.http.Problem;
import io.spgate.tenant.Caller;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits each call of a tenant's key (or console session) to this instance within the tenant's own limits, or refuses it at
 * once with 429 and a code of the gateway's ({@code tenant_concurrency_limit}, {@code tenant_rate_limit}), never Amazon's
 * quota codes. Admin keys are the operator's and are not limited.
 *
 * <p>Per instance, in process, on purpose: what the limits protect is the instance's own shares (its connections to SP-API
 * per event loop, its Postgres pool, its event loops), and a refusal must cost less than the call it refuses. A Redis
 * bucket would make every call of a flood, refused or not, a round trip to the Redis every tenant's quota decisions share,
 * and refuse everything when Redis is down. Across N instances behind a balancer a tenant gets about N times the rate.
 *
 * <p>In flight counts a call from admission until the gateway is done with it (quota waits included). At most {@code
 * ceiling} calls of one tenant (below SPGATE_SPAPI_CONNECTIONS) are in flight, so no tenant holds every connection of an
 * event loop's pool to a host; of those, API calls other than the pass-through, which read and write Postgres, at most
 * {@code apiCeiling} (three quarters of SPGATE_PG_POOL_SIZE), so no tenant holds the whole pool.
 */
public final class TenantAdmission {

  /** Which of the gateway's routes a call came by. */
  public enum Route { SP_API, API }

  /** How long an instance goes by a tenant's limits before it reads them again (another instance may have changed them). */
  static final long LIMITS_CACHE_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final Logger LOG = LoggerFactory.getLogger(TenantAdmission.class);

  private final TenantLimits defaults;
  private final int ceiling;
  private final int apiCeiling;
  private final Function<UUID, Future<LimitOverrides>> overrides;
  private final LongSupplier nanoClock;
  private final Cache<UUID, Future<TenantLimits>> limits = Caffeine.newBuilder().maximumSize(100_000)
      .expireAfterWrite(LIMITS_CACHE_NANOS, TimeUnit.NANOSECONDS).executor(Runnable::run).build();
  /** One entry per tenant that called this instance: as many as there are tenants, which only admins create. */
  private final Map<UUID, Allowance> allowances = new ConcurrentHashMap<>();
  private final Counter concurrentRefusals;
  private final Counter apiRefusals;
  private final Counter rateRefusals;
  private final AtomicLong lastWarned = new AtomicLong(Long.MIN_VALUE);

  /**
   * @param ceiling the most calls one tenant may have in flight here, whatever its limits say (below the SP-API pool)
   * @param apiCeiling the most of those that may be API calls other than the pass-through (below the Postgres pool)
   * @param overrides reads a tenant's overrides (from Postgres)
   */
  TenantAdmission(TenantLimits defaults, int ceiling, int apiCeiling, Function<UUID, Future<LimitOverrides>> overrides,
      MeterRegistry metrics, LongSupplier nanoClock) {
    this.defaults = defaults;
    this.ceiling = ceiling;
    this.apiCeiling = apiCeiling;
    this.overrides = overrides;
    this.nanoClock = nanoClock;
    this.concurrentRefusals = refusals(metrics, "concurrent");
    this.apiRefusals = refusals(metrics, "api_concurrent");
    this.rateRefusals = refusals(metrics, "rate");
  }

  /** The tenant id is no tag: tenants are unbounded. Which tenant was refused is in the 429 its client got. */
  private static Counter refusals(MeterRegistry metrics, String limit) {
    return Counter.builder("spgate.tenant.limit.refusals").description("Calls refused 429 at a tenant's own limit on this instance")
        .tag("limit", limit).register(metrics);
  }

  /** A call admitted; release it once the gateway is done with it (once; later releases do nothing). */
  public static final class Permit {

    static final Permit NONE = new Permit(null, null);

    private final AtomicInteger all;
    private final AtomicInteger api;
    private final AtomicBoolean released = new AtomicBoolean();

    private Permit(AtomicInteger all, AtomicInteger api) {
      this.all = all;
      this.api = api;
    }

    public void release() {
      if (all != null && released.compareAndSet(false, true)) {
        all.decrementAndGet();
        if (api != null) {
          api.decrementAndGet();
        }
      }
    }
  }

  /** Admits the caller's call or fails with the 429 of the limit it is at. */
  public Future<Permit> admit(Caller caller, Route route) {
    if (caller.tenantId().isEmpty()) {
      return Future.succeededFuture(Permit.NONE);
    }
    UUID tenant = caller.tenantId().get();
    return limits(tenant).map(limits -> admit(tenant, limits, route));
  }

  /** The Router's handler for every /v1 route after authentication: the call holds its permit until its answer is done with. */
  public void api(RoutingContext ctx) {
    admit(Caller.of(ctx), Route.API).onComplete(admitted -> {
      if (admitted.failed()) {
        ctx.fail(admitted.cause());
        return;
      }
      Permit permit = admitted.result();
      ctx.addEndHandler(ended -> permit.release());
      ctx.next();
    });
  }

  private Permit admit(UUID tenant, TenantLimits limits, Route route) {
    long now = nanoClock.getAsLong();
    Allowance allowance = allowances.computeIfAbsent(tenant, t -> new Allowance(now));
    if (!Allowance.enter(allowance.inFlight, limits.maxConcurrent())) {
      concurrentRefusals.increment();
      throw concurrencyRefusal("its calls in flight on this gateway instance are at its limit of " + limits.maxConcurrent());
    }
    boolean api = route == Route.API;
    int apiLimit = Math.min(apiCeiling, limits.maxConcurrent());
    if (api && !Allowance.enter(allowance.apiInFlight, apiLimit)) {
      allowance.inFlight.decrementAndGet();
      apiRefusals.increment();
      throw concurrencyRefusal("its API calls in flight on this gateway instance (other than the SP-API pass-through) are at "
          + "their limit of " + apiLimit + " (three quarters of the instance's Postgres pool)");
    }
    Permit permit = new Permit(allowance.inFlight, api ? allowance.apiInFlight : null);
    long wait = allowance.take(limits.callsPerSecond(), limits.burst(), now);
    if (wait > 0) {
      permit.release();
      rateRefusals.increment();
      throw new ApiException(new Problem(429, "tenant_rate_limit", "Too many requests", "The tenant's calls on this gateway "
          + "instance are at its limit of " + plain(limits.callsPerSecond()) + " a second (burst " + limits.burst() + "). This is the "
          + "tenant's own limit on the gateway, not Amazon's quota; retry after Retry-After seconds."),
          Map.of("Retry-After", String.valueOf(Math.max(1, (long) Math.ceil(wait / 1e9)))));
    }
    return permit;
  }

  private static ApiException concurrencyRefusal(String why) {
    return new ApiException(new Problem(429, "tenant_concurrency_limit", "Too many requests", "The tenant's " + why + ". This is the "
        + "tenant's own limit on the gateway, not Amazon's quota; retry once one of its calls has ended."), Map.of("Retry-After", "1"));
  }

  private static String plain(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  /** The tenant's limits as this instance enforces them: read from Postgres at most every 30 s; the defaults while it fails. */
  private Future<TenantLimits> limits(UUID tenant) {
    Future<TenantLimits> known = limits.getIfPresent(tenant);
    if (known != null) {
      return known;
    }
    Promise<TenantLimits> loaded = Promise.promise();
    limits.put(tenant, loaded.future());
    overrides.apply(tenant).onComplete(read -> {
      if (read.succeeded()) {
        loaded.complete(enforced(read.result()));
        return;
      }
      limits.asMap().remove(tenant, loaded.future());
      warnThrottled(read.cause());
      loaded.complete(defaults);
    });
    return loaded.future();
  }

  private void warnThrottled(Throwable cause) {
    long now = nanoClock.getAsLong();
    long last = lastWarned.get();
    if ((last == Long.MIN_VALUE || now - last > WARN_EVERY_NANOS) && lastWarned.compareAndSet(last, now)) {
      LOG.warn("Tenants' limits could not be read; the defaults hold meanwhile: {}", String.valueOf(cause));
    }
  }

  /** The defaults with the overrides in place, calls in flight held below the instance's ceiling. */
  TenantLimits enforced(LimitOverrides overrides) {
    TenantLimits wanted = defaults.with(overrides);
    return wanted.maxConcurrent() <= ceiling ? wanted : new TenantLimits(ceiling, wanted.callsPerSecond(), wanted.burst());
  }

  /** This instance enforces the tenant's new overrides at once (others within {@link #LIMITS_CACHE_NANOS}). */
  void changed(UUID tenant, LimitOverrides overrides) {
    limits.put(tenant, Future.succeededFuture(enforced(overrides)));
  }

  TenantLimits defaults() {
    return defaults;
  }

  int ceiling() {
    return ceiling;
  }
}
