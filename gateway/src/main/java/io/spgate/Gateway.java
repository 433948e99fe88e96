package io.spgate;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.spgate.application.ApplicationRoutes;
import io.spgate.application.ApplicationStore;
import io.spgate.application.Applications;
import io.spgate.application.ApplicationsFile;
import io.spgate.channels.ChannelsFeature;
import io.spgate.channels.MappingStore;
import io.spgate.config.EncryptionKeys;
import io.spgate.config.GatewayConfig;
import io.spgate.config.Urls;
import io.spgate.crypto.SecretBox;
import io.spgate.fairness.FairnessFeature;
import io.spgate.fairness.TenantLimits;
import io.spgate.fanout.FanoutFeature;
import io.spgate.fanout.UpdateBacklog;
import io.spgate.health.Readiness;
import io.spgate.http.Feature;
import io.spgate.http.RequestMetrics;
import io.spgate.idempotency.IdempotencyKeys;
import io.spgate.lwa.FailoverTokenCache;
import io.spgate.lwa.GrantlessTokens;
import io.spgate.lwa.InProcessTokenCache;
import io.spgate.lwa.LwaClient;
import io.spgate.lwa.RedisTokenCache;
import io.spgate.lwa.RefreshMetrics;
import io.spgate.lwa.SellerTokens;
import io.spgate.lwa.SharedTokens;
import io.spgate.lwa.TokenCache;
import io.spgate.lwa.TokenPolicy;
import io.spgate.notifications.NotificationEffect;
import io.spgate.notifications.NotificationsFeature;
import io.spgate.oauth.AuthorizationRoutes;
import io.spgate.oauth.OAuthStates;
import io.spgate.orders.OrderPoller;
import io.spgate.orders.OrdersFeature;
import io.spgate.overview.ActivityLog;
import io.spgate.overview.OverviewRoutes;
import io.spgate.proxy.PassThroughHandler;
import io.spgate.quota.FailoverQuotaStore;
import io.spgate.quota.InProcessQuotaStore;
import io.spgate.quota.QuotaGate;
import io.spgate.quota.QuotaMetrics;
import io.spgate.quota.QuotaRoutes;
import io.spgate.quota.QuotaStore;
import io.spgate.quota.RedisQuotaStore;
import io.spgate.reports.ReportBacklog;
import io.spgate.reports.ReportsFeature;
import io.spgate.seller.Seller;
import io.spgate.seller.SellerGauges;
import io.spgate.seller.SellerRoutes;
import io.spgate.seller.SellerStore;
import io.spgate.spapi.OperationPlans;
import io.spgate.spapi.Operations;
import io.spgate.spapi.RestrictedDataTokens;
import io.spgate.spapi.SpApiClient;
import io.spgate.spapi.SpApiPipeline;
import io.spgate.store.Database;
import io.spgate.store.EmbeddedPostgresServer;
import io.spgate.store.Migrations;
import io.spgate.store.SharedStores;
import io.spgate.store.StoreMode;
import io.spgate.store.StoreModeGauge;
import io.spgate.tenant.ApiKeySecret;
import io.spgate.tenant.Authenticator;
import io.spgate.tenant.ConsoleSessions;
import io.spgate.tenant.SessionRoutes;
import io.spgate.tenant.TenantRoutes;
import io.spgate.tenant.TenantStore;
import io.spgate.tracing.Tracing;
import io.spgate.vertx.PerEventLoop;
import io.spgate.webhooks.WebhooksFeature;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.sqlclient.Pool;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: one Vert.x instance, the shared Postgres pool and stores, and the HTTP
 * verticles. The HTTP server comes up first so health answers while migrations run; readiness
 * turns UP once everything is in place.
 */
public final class Gateway {

  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  /** Amazon asks callers to name themselves in the user agent. */
  public static final String USER_AGENT = "spgate/0.1 (Language=Java/17)";
  private static final int LWA_CONNECTIONS = 64;
  /**
   * Calls that may wait for a connection to one host, per connection: about what a pool drains while
   * a call may wait for one ({@link SpApiPipeline#POOL_WAIT_MILLIS}, LWA's timeout), at Amazon's
   * usual few hundred milliseconds per call. Beyond it calls fail at once rather than queue without end.
   */
  private static final int WAITING_PER_CONNECTION = 32;
  /** Amazon accepts a connection in milliseconds; one that hangs fails as unreachable, well within a call's pool wait. */
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

  private final Vertx vertx;
  private final Ports ports;
  private final Services services;
  private final HttpSurface surface;
  private final Tracing tracing;
  private final Shutdown shutdown;

  /** The instance's components that its embedders (tests, benchmarks) reach into. */
  public record Services(PrometheusMeterRegistry metrics, SellerStore sellers, Applications applications, LwaClient lwa,
      SellerTokens sellerTokens, GrantlessTokens grantlessTokens, Operations operations, SpApiClient spApi) {}

  /** The API port (the console's too) and the management port (metrics, health). */
  private record Ports(int api, int management) {}

  /** The API port's verticles, deployed together, and the port they share. */
  private record ApiDeployment(List<ApiVerticle> verticles, int port) {}

  private Gateway(Vertx vertx, Ports ports, Services services, HttpSurface surface, Tracing tracing, Shutdown shutdown) {
    this.vertx = vertx;
    this.tracing = tracing;
    this.ports = ports;
    this.services = services;
    this.surface = surface;
    this.shutdown = shutdown;
  }

  /** Starts a gateway; {@code out} is where a newly created admin key is shown, once. */
  public static Future<Gateway> start(GatewayConfig config, PrintStream out) {
    PrometheusMeterRegistry metrics = metricsRegistry();
    Tracing tracing = Tracing.start(config.otlpEndpoint(), config.traceSampleRatio());
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metricsOptions()).setPreferNativeTransport(true))
        .withMetrics(new MicrometerMetricsFactory(metrics))
        .withTracer(tracing.vertxTracerFactory())
        .build();
    AtomicReference<Optional<EmbeddedPostgresServer>> embedded = new AtomicReference<>(Optional.empty());
    return prepare(vertx, config).compose(prepared -> {
      Optional<EmbeddedPostgresServer> pg = prepared.embedded();
      embedded.set(pg);
      URI url = pg.map(EmbeddedPostgresServer::url).orElseGet(() -> config.pgUrl().orElseThrow());
      Pool pool = Database.pool(vertx, url, config.pgPoolSize(), config.pgStatementTimeout());
      SharedStores stores = SharedStores.create(vertx, config.redisUrls());
      LOG.info("Shared stores (quota buckets, token cache, locks): {}", stores.description());
      TenantStore tenants = new TenantStore(pool);
      Applications applications = new Applications(new ApplicationStore(pool, prepared.secrets()));
      SellerStore sellers = new SellerStore(pool, prepared.secrets());
      LwaClient lwa = new LwaClient(outboundClient(vertx), config.lwaUrl(), Clock.systemUTC());
      Optional<FailoverTokenCache> sharedTokenCache = stores.redis().map(redis -> new FailoverTokenCache(
          new RedisTokenCache(vertx, redis, stores.layout(), prepared.secrets(), Clock.systemUTC()),
          new InProcessTokenCache(Clock.systemUTC()), System::nanoTime));
      TokenCache tokenCache = sharedTokenCache.isPresent() ? sharedTokenCache.get() : new InProcessTokenCache(Clock.systemUTC());
      SharedTokens sharedTokens = new SharedTokens(vertx, tokenCache, Clock.systemUTC());
      TokenPolicy tokenPolicy = new TokenPolicy(config.tokenRefreshLead(), config.tokenMinRemaining(), config.tokenIdleAfter());
      ActivityLog activity = new ActivityLog(System::currentTimeMillis);
      SellerTokens sellerTokens = new SellerTokens(vertx, sharedTokens, lwa, sellers, applications, Clock.systemUTC(), tokenPolicy,
          activity, new RefreshMetrics(metrics));
      Optional<FailoverQuotaStore> sharedQuotaStore = stores.redis().map(redis -> new FailoverQuotaStore(
          new RedisQuotaStore(vertx, redis, stores.layout(), prepared.quotaScripts(), config.quotaJitterAllowance()), stores.layout(),
          new InProcessQuotaStore(System::nanoTime, config.quotaJitterAllowance()), config.quotaRedisFallbackShare(), System::nanoTime));
      QuotaStore quotaStore = sharedQuotaStore.isPresent() ? sharedQuotaStore.get()
          : new InProcessQuotaStore(System::nanoTime, config.quotaJitterAllowance());
      Supplier<StoreMode> quotaMode = () -> sharedQuotaStore.map(FailoverQuotaStore::mode).orElse(StoreMode.IN_PROCESS);
      Supplier<StoreMode> tokenMode = () -> sharedTokenCache.map(FailoverTokenCache::mode).orElse(StoreMode.IN_PROCESS);
      Readiness readiness = new Readiness(pool, stores, config.quotaRedisFallbackShare() > 0, quotaMode, tokenMode);
      StoreModeGauge.register(metrics, "quotas", quotaMode);
      StoreModeGauge.register(metrics, "tokens", tokenMode);
      QuotaMetrics quotaMetrics = new QuotaMetrics(metrics, config.metricsTopSellers());
      prepared.operations().all().forEach(operation -> quotaMetrics.countThrottlesFromStart(operation.api(), operation.operationId()));
      vertx.setPeriodic(QuotaMetrics.RANKING_PERIOD.toMillis(), id -> vertx.executeBlocking(quotaMetrics::rankSellers));
      OperationPlans plans = new OperationPlans(prepared.operations(), applications::byId, config.quotaUnplannedRate());
      QuotaGate quotaGate = new QuotaGate(vertx, quotaStore, plans, quotaMetrics, config.quotaSafetyMargin());
      GrantlessTokens grantlessTokens = new GrantlessTokens(sharedTokens, lwa, tokenPolicy, Clock.systemUTC());
      RestrictedDataTokens restrictedTokens = new RestrictedDataTokens(sharedTokens, Clock.systemUTC(), tokenPolicy);
      SpApiPipeline pipeline = new SpApiPipeline(vertx, spApiHttpClients(vertx, config), USER_AGENT,
          prepared.operations(), plans, quotaGate, sellerTokens, grantlessTokens, restrictedTokens, applications, config.spapiEndpoint(),
          activity, tracing);
      SpApiClient spApi = new SpApiClient(vertx, pipeline, prepared.operations(), config.quotaMaxWait());
      RequestMetrics requestMetrics = new RequestMetrics(metrics);
      // The console's session cookie is Secure when the gateway is reached over TLS.
      ConsoleSessions consoleSessions = new ConsoleSessions(pool, "https".equals(config.publicUrlOrLocal(config.port()).getScheme()));
      Authenticator authenticator = new Authenticator(tenants, consoleSessions);
      OrderPoller.Schedule polls = new OrderPoller.Schedule(config.ordersPollEvery(), config.ordersPollUnhealthy(),
          config.ordersPollOverlap(), config.ordersFirstLookback());
      OrdersFeature orders = new OrdersFeature(vertx, pool, metrics, sellers, spApi, quotaGate, polls);
      ReportsFeature reports = new ReportsFeature(vertx, pool, sellers, spApi, config.reportPollFirst(), config.reportPollMax(),
          config.reportDocumentOrigins());
      FanoutFeature fanout = new FanoutFeature(vertx, pool, sellers, new MappingStore(pool), spApi, quotaGate, config.feedProcessingGuess(),
          config.updateSellersAtOnce(), config.updateIntakesAtOnce(), config.updateLease(), config.reportDocumentOrigins());
      ChannelsFeature channels = new ChannelsFeature(vertx, pool, sellers, spApi, config.inventorySyncEvery());
      // What each of Amazon's notifications does, by type: each feature names its own.
      Map<String, NotificationEffect> effects = new HashMap<>(orders.notificationEffects());
      effects.putAll(reports.notificationEffects());
      effects.putAll(fanout.notificationEffects());
      effects.putAll(channels.notificationEffects());
      IdempotencyKeys idempotencyKeys = new IdempotencyKeys(vertx, pool, prepared.secrets());
      FairnessFeature fairness = new FairnessFeature(pool, new TenantLimits(config.tenantMaxConcurrent(),
          config.tenantRate().perSecond(), config.tenantRate().burst()), config.spapiConnections(), config.pgPoolSize(), metrics);
      // Every feature's routes and workers; a new feature is one more line here.
      List<Feature> features = List.of(
          idempotencyKeys,
          new TenantRoutes(tenants, authenticator),
          fairness,
          new SessionRoutes(vertx, consoleSessions),
          new ApplicationRoutes(vertx, applications),
          new SellerRoutes(sellers, applications),
          new SellerGauges(vertx, sellers, metrics),
          new AuthorizationRoutes(vertx, new OAuthStates(pool), sellers, applications, prepared.secrets(), lwa, spApi,
              config.sellerCentralUrl(), config.publicUrlOrLocal(config.port())),
          new QuotaRoutes(quotaGate, (tenant, sellerId) -> sellers.get(tenant, sellerId).map(found -> found.map(Seller::quotaOwner))),
          new OverviewRoutes(vertx, pool, sellers, activity),
          reports,
          ReportBacklog.meters(vertx, pool, metrics),
          channels,
          fanout,
          UpdateBacklog.meters(vertx, pool, metrics),
          orders,
          new NotificationsFeature(vertx, pool, metrics, sellers, spApi, config.notificationsQueueUrl(), config.sqsRegion(), effects),
          new WebhooksFeature(vertx, pool, prepared.secrets(), metrics, config.webhooksAllowPrivate()));
      PassThroughHandler passThrough = new PassThroughHandler(authenticator, fairness.admission(), sellers, prepared.operations(),
          pipeline, config.quotaMaxWait(), requestMetrics);
      HttpSurface surface = new HttpSurface(config, authenticator, fairness.admission(), passThrough, features, idempotencyKeys,
          readiness, requestMetrics, tracing);
      Services services = new Services(metrics, sellers, applications, lwa, sellerTokens, grantlessTokens, prepared.operations(), spApi);
      AtomicReference<List<ApiVerticle>> apiVerticles = new AtomicReference<>();
      return deployHttp(vertx, surface)
          .onSuccess(api -> apiVerticles.set(api.verticles()))
          .compose(api -> deployManagement(vertx, config, readiness, metrics).map(management -> new Ports(api.port(), management)))
          .onSuccess(ports -> {
            readiness.verticlesDeployed();
            LOG.info("HTTP on {}:{} with {} event-loop instance(s); management (metrics, health) on {}:{}", config.host(), ports.api(),
                config.httpInstances(), config.managementHost(), ports.management());
          })
          .compose(ports -> prepared.migrations().apply(pool)
              .compose(applied -> applications.saveAndLoad(prepared.applications()))
              .compose(loaded -> tenants.ensureAdminKey(config.adminKey().map(ApiKeySecret::new)))
              .compose(created -> Future.all(features.stream().map(Feature::startWorkers).toList()).map(created))
              .map(created -> {
                created.ifPresent(key -> showOnce(out, key));
                LOG.info("Applications: {}", applications.get().isEmpty() ? "none configured (SPGATE_APPLICATIONS_FILE)"
                    : String.join(", ", new java.util.TreeSet<>(applications.get().keySet())));
                readiness.migrationsApplied();
                return new Gateway(vertx, ports, services, surface, tracing, new Shutdown(vertx, config, readiness, apiVerticles.get(),
                    features, services.sellerTokens(), pool, stores, pg));
              }));
    }).recover(failure -> {
      // Callers exit or report on failure; the cleanup need not hold them up.
      vertx.executeBlocking(() -> {
        embedded.get().ifPresent(EmbeddedPostgresServer::close);
        return null;
      }).onComplete(closed -> vertx.close().onComplete(done -> tracing.close()));
      return Future.failedFuture(failure);
    });
  }

  /**
   * Applies pending migrations and stops; for {@code spgate migrate}. Blocks the calling thread,
   * which must not be a Vert.x thread.
   */
  public static List<Migrations.Migration> migrate(GatewayConfig config) throws Exception {
    Vertx vertx = Vertx.vertx();
    Optional<EmbeddedPostgresServer> pg = Optional.empty();
    try {
      pg = startEmbeddedIfNeeded(config);
      Pool pool = Database.pool(vertx, pg.map(EmbeddedPostgresServer::url).orElseGet(() -> config.pgUrl().orElseThrow()), 1,
          config.pgStatementTimeout());
      return awaitOutside(Migrations.bundled().apply(pool));
    } finally {
      awaitOutside(vertx.close());
      pg.ifPresent(EmbeddedPostgresServer::close);
    }
  }

  /**
   * Re-seals every stored secret under the newest encryption key while gateways keep serving
   * (they hold old and new keys, so either ciphertext opens); for {@code spgate rotate-keys}.
   * Blocks the calling thread, which must not be a Vert.x thread.
   */
  public static String rotateKeys(GatewayConfig config) throws Exception {
    Vertx vertx = Vertx.vertx();
    Optional<EmbeddedPostgresServer> pg = Optional.empty();
    try {
      SecretBox secrets = EncryptionKeys.resolve(config);
      pg = startEmbeddedIfNeeded(config);
      Pool pool = Database.pool(vertx, pg.map(EmbeddedPostgresServer::url).orElseGet(() -> config.pgUrl().orElseThrow()), 2,
          config.pgStatementTimeout());
      int applications = awaitOutside(new ApplicationStore(pool, secrets).resealAll());
      int sellers = awaitOutside(new SellerStore(pool, secrets).resealAll(500));
      return "Re-sealed under key '" + secrets.newestKeyId() + "': " + applications + " application(s), " + sellers
          + " seller refresh token(s).";
    } finally {
      awaitOutside(vertx.close());
      pg.ifPresent(EmbeddedPostgresServer::close);
    }
  }

  public int port() {
    return ports.api();
  }

  /** Where /metrics and the health routes are served (SPGATE_MANAGEMENT_PORT, or the free port it picked). */
  public int managementPort() {
    return ports.management();
  }

  /** The running instance's components, for tests and benchmarks. */
  public Services services() {
    return services;
  }

  /** What the HTTP verticles serve (a test builds their router from it). */
  HttpSurface surface() {
    return surface;
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * Stops gracefully ({@link Shutdown}): readiness DOWN, requests in progress answered and background work handed back,
   * then the pools, Vert.x and the embedded Postgres closed. Call it from outside Vert.x (a signal, a test): its event
   * loops end here. Calling it again answers the same stop.
   */
  public Future<Void> stop() {
    // The exporter's last spans go once everything that made them has stopped.
    return shutdown.run().compose(stopped -> tracing.close());
  }

  private static <T> T awaitOutside(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /**
   * What start needs from blocking work, done on a worker: the embedded Postgres, the encryption
   * keys, the applications file, and the bundled migrations, operations catalog and quota scripts.
   */
  private record Prepared(Optional<EmbeddedPostgresServer> embedded, SecretBox secrets, List<ApplicationsFile.Entry> applications,
      Migrations migrations, Operations operations, RedisQuotaStore.Scripts quotaScripts) {}

  private static Future<Prepared> prepare(Vertx vertx, GatewayConfig config) {
    return vertx.executeBlocking(() -> {
      SecretBox secrets = EncryptionKeys.resolve(config);
      List<ApplicationsFile.Entry> applications = config.applicationsFile().map(ApplicationsFile::read).orElse(List.of());
      Operations operations = Operations.bundled();
      OperationPlans.checkOverrides(operations, applications.stream().map(ApplicationsFile.Entry::application).toList());
      return new Prepared(startEmbeddedIfNeeded(config), secrets, applications, Migrations.bundled(), operations,
          RedisQuotaStore.Scripts.bundled());
    });
  }

  private static Optional<EmbeddedPostgresServer> startEmbeddedIfNeeded(GatewayConfig config) {
    if (!config.embeddedPostgres()) {
      LOG.info("Postgres: {}", Urls.withoutCredentials(config.pgUrl().orElseThrow()));
      return Optional.empty();
    }
    EmbeddedPostgresServer server = EmbeddedPostgresServer.start(config.dataDir(), config.embeddedPgPort());
    LOG.info("Postgres: embedded, {} (data in {})", Urls.withoutCredentials(server.url()), server.dataDirectory());
    return Optional.of(server);
  }

  /** Deploys the HTTP verticles; with SPGATE_PORT=0 Vert.x shares one free port among them. */
  private static Future<ApiDeployment> deployHttp(Vertx vertx, HttpSurface surface) {
    List<ApiVerticle> verticles = new CopyOnWriteArrayList<>();
    return vertx.deployVerticle(() -> {
          ApiVerticle verticle = new ApiVerticle(surface, surface.config().port());
          verticles.add(verticle);
          return verticle;
        }, new DeploymentOptions().setInstances(surface.config().httpInstances()))
        .map(id -> new ApiDeployment(List.copyOf(verticles), verticles.get(0).actualPort()));
  }

  private static Future<Integer> deployManagement(Vertx vertx, GatewayConfig config, Readiness readiness,
      PrometheusMeterRegistry metrics) {
    ManagementVerticle verticle = new ManagementVerticle(config, readiness, metrics);
    return vertx.deployVerticle(verticle).map(id -> verticle.actualPort());
  }

  /**
   * LWA's client: pooled, large enough that thousands of sellers' refreshes queue in the pool, not
   * fail in it; each call's timeout bounds its wait for a connection too.
   */
  private static WebClient outboundClient(Vertx vertx) {
    return WebClient.create(vertx,
        new WebClientOptions().setUserAgent(USER_AGENT).setKeepAlive(true).setConnectTimeout(CONNECT_TIMEOUT_MILLIS),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(LWA_CONNECTIONS)
            .setMaxWaitQueueSize(LWA_CONNECTIONS * WAITING_PER_CONNECTION));
  }

  /**
   * SP-API's clients, one per event loop (a shared client lends a connection opened on one loop to
   * callers on another): pooled per regional host; bodies pass through as Amazon sent them (no
   * decompression). A connection that reads nothing for SPGATE_SPAPI_READ_TIMEOUT is closed, failing
   * the call on it: Amazon stalled. One watch per connection, not a timer per call. Vert.x's tracing stays off on them: the
   * pipeline sets each send's traceparent under its own stage span ({@link io.spgate.tracing.CallTrace}).
   */
  private static PerEventLoop<HttpClient> spApiHttpClients(Vertx vertx, GatewayConfig config) {
    return new PerEventLoop<>(() -> vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
            .setTracingPolicy(TracingPolicy.IGNORE)
            .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
            .setReadIdleTimeout((int) config.spapiReadTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(config.spapiConnections())
            .setMaxWaitQueueSize(config.spapiConnections() * WAITING_PER_CONNECTION)));
  }

  /**
   * Vert.x's own meters: the worker pools'. Its HTTP server meters stay off for spgate's own
   * ({@link RequestMetrics}), which cost a call far less; per-connection and HTTP client meters too:
   * every SP-API call would pay for them twice more, and the quota meters already describe that traffic.
   */
  private static MicrometerMetricsOptions metricsOptions() {
    MicrometerMetricsOptions options = new MicrometerMetricsOptions().setEnabled(true);
    for (MetricsDomain domain : List.of(MetricsDomain.NET_SERVER, MetricsDomain.HTTP_SERVER, MetricsDomain.NET_CLIENT,
        MetricsDomain.HTTP_CLIENT, MetricsDomain.DATAGRAM_SOCKET, MetricsDomain.EVENT_BUS, MetricsDomain.VERTICLES)) {
      options.addDisabledMetricsCategory(domain);
    }
    return options;
  }

  private static PrometheusMeterRegistry metricsRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return registry;
  }

  private static void showOnce(PrintStream out, ApiKeySecret key) {
    out.println();
    out.println("  First admin API key (shown once; store it now):");
    out.println("    " + key.value());
    out.println();
    out.flush();
  }
}
