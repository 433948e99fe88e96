package io.spgate.simulator;

import io.spgate.simulator.admin.AdminApi;
import io.spgate.simulator.data.DemoWorld;
import io.spgate.simulator.data.FbaStock;
import io.spgate.simulator.data.LwaApplication;
import io.spgate.simulator.data.Order;
import io.spgate.simulator.data.Region;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.documents.DocumentStore;
import io.spgate.simulator.faults.FaultInjector;
import io.spgate.simulator.faults.FaultSettings;
import io.spgate.simulator.feeds.FeedsApi;
import io.spgate.simulator.http.AmazonErrors;
import io.spgate.simulator.http.RequestIds;
import io.spgate.simulator.http.RequestStats;
import io.spgate.simulator.http.SpApiPipeline;
import io.spgate.simulator.http.SpApiRoutes;
import io.spgate.simulator.inventory.InventoryApi;
import io.spgate.simulator.listings.ForcedIssues;
import io.spgate.simulator.listings.ListingEditor;
import io.spgate.simulator.listings.ListingIssues;
import io.spgate.simulator.listings.ListingsApi;
import io.spgate.simulator.lwa.AccessTokens;
import io.spgate.simulator.lwa.AuthorizationCodes;
import io.spgate.simulator.lwa.ConsentPage;
import io.spgate.simulator.lwa.Consents;
import io.spgate.simulator.lwa.LwaCounters;
import io.spgate.simulator.lwa.LwaTokenEndpoint;
import io.spgate.simulator.model.ModelCatalog;
import io.spgate.simulator.model.ModelOperation;
import io.spgate.simulator.notifications.DeliveryTraps;
import io.spgate.simulator.notifications.EmbeddedElasticMq;
import io.spgate.simulator.notifications.NotificationPublisher;
import io.spgate.simulator.notifications.NotificationRegistry;
import io.spgate.simulator.notifications.NotificationsApi;
import io.spgate.simulator.notifications.SqsQueues;
import io.spgate.simulator.orders.OrderActivity;
import io.spgate.simulator.orders.OrderChanges;
import io.spgate.simulator.orders.OrderStatuses;
import io.spgate.simulator.orders.Orders2026Api;
import io.spgate.simulator.orders.OrdersApi;
import io.spgate.simulator.pricing.PricingApi;
import io.spgate.simulator.quota.QuotaGate;
import io.spgate.simulator.quota.RateLimitTable;
import io.spgate.simulator.reports.ReportsApi;
import io.spgate.simulator.sellers.SellersApi;
import io.spgate.simulator.tokens.TokensApi;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SP-API simulator: LWA, the consent page, the SP-API operations spgate uses, a document store and notification
 * delivery, with Amazon's quotas and failure modes. Every region is served on one port: at the root, or under
 * /na, /eu and /fe, where a seller of another region is refused.
 *
 * <pre>{@code
 * SpApiSimulator sim = SpApiSimulator.start(vertx, new SimulatorOptions().sellers(5)).await();
 * String lwa = sim.lwaUrl();   // POST refresh_token grants here
 * String na = sim.baseUrl(Region.NA);
 * }</pre>
 */
public final class SpApiSimulator {
  private final Vertx vertx;
  private final SimulatorOptions options;
  private final SimClock clock;
  private final DemoWorld world;
  private final AccessTokens tokens;
  private final Consents consents;
  private final LwaCounters lwaCounters = new LwaCounters();
  private final FaultSettings faults;
  private final FaultInjector faultInjector;
  private final QuotaGate quotas;
  private final RequestStats stats = new RequestStats();
  private final NotificationPublisher notifications;
  private final OrderChanges orderChanges;
  private final OrderActivity orderActivity;
  private final Router router;
  private final DocumentStore documents;
  private final ForcedIssues forcedIssues = new ForcedIssues();
  private final ListingIssues listingIssues = new ListingIssues();
  private final List<ModelOperation> served;
  private final List<String> deployments = new ArrayList<>();
  private HttpClient sqsClient;
  private EmbeddedElasticMq elasticMq;
  private long pruneTimer = -1;
  private int port;

  private SpApiSimulator(Vertx vertx, SimulatorOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.clock = new SimClock(options.timeScale());
    this.world = new DemoWorld(options.seed(), options.sellers(), options.applications(), options.listingsMix(),
        options.ordersPerSeller(), clock.now());
    this.tokens = new AccessTokens(clock, options.tokenLifetimeSeconds());
    this.consents = new Consents(world);
    this.faults = new FaultSettings(options.faultRate());
    this.faultInjector = new FaultInjector(options.seed(), faults);
    this.quotas = new QuotaGate(RateLimitTable.load(), clock, options.quotas());
    this.notifications = new NotificationPublisher(vertx, new NotificationRegistry(), clock, new DeliveryTraps(options.seed(),
        options.notificationDuplicateRate(), options.notificationMaxDelayMillis(), options.notificationDropRate()));
    this.orderChanges = new OrderChanges(world, clock, notifications);
    this.orderActivity = new OrderActivity(vertx, world, clock, orderChanges, options.seed(), 0);
    this.router = Router.router(vertx);
    this.documents = new DocumentStore(clock, faults);
    this.served = buildRoutes();
  }

  /** Starts the simulator: its HTTP server on every event loop, and ElasticMQ when the options ask for it. */
  public static Future<SpApiSimulator> start(Vertx vertx, SimulatorOptions options) {
    SpApiSimulator simulator;
    try {
      simulator = new SpApiSimulator(vertx, options);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    // Orders start coming once notifications can be delivered.
    return simulator.listen().compose(v -> simulator.connectQueues())
        .map(v -> {
          simulator.orderActivity.setRate(options.orderRate());
          return simulator;
        });
  }

  private List<ModelOperation> buildRoutes() {
    ModelCatalog catalog = ModelCatalog.load();
    AuthorizationCodes codes = new AuthorizationCodes();
    // Every answer carries a request id, as Amazon's do: SP-API, LWA, documents and the simulator's own endpoints alike.
    router.route().handler(ctx -> {
      ctx.response().putHeader(RequestIds.HEADER, RequestIds.next());
      ctx.next();
    });
    LwaTokenEndpoint lwa = new LwaTokenEndpoint(vertx, world, tokens, codes, consents, lwaCounters, faults, clock);
    router.post(LwaTokenEndpoint.PATH).handler(io.vertx.ext.web.handler.BodyHandler.create(false).setBodyLimit(64 * 1024))
        .handler(lwa::handle);
    router.get(ConsentPage.PATH).handler(new ConsentPage(world, codes, clock)::handle);
    new AdminApi(this).register(router);
    documents.register(router);

    Router spApi = Router.router(vertx);
    SpApiRoutes routes = new SpApiRoutes(spApi, catalog, new SpApiPipeline(vertx, tokens, quotas, faultInjector, faults, stats, clock));
    ListingEditor editor = new ListingEditor(clock, notifications, forcedIssues, listingIssues);
    new OrdersApi(world, clock, orderChanges).register(routes);
    new Orders2026Api(world, clock).register(routes);
    new ListingsApi(world, editor, listingIssues).register(routes);
    new FeedsApi(vertx, world, documents, editor, notifications, faults, clock, options, quotas).register(routes);
    new ReportsApi(vertx, world, documents, notifications, clock, options, faults).register(routes);
    new PricingApi(world).register(routes);
    new InventoryApi(world, clock).register(routes);
    new TokensApi(tokens, faults).register(routes);
    new SellersApi().register(routes);
    new NotificationsApi(notifications, world).register(routes);
    spApi.route().handler(ctx -> AmazonErrors.notFound(ctx.response(), "Resource not found"));
    for (Region region : Region.values()) {
      router.route("/" + region.code() + "/*").subRouter(spApi);
    }
    router.route("/*").subRouter(spApi);
    return routes.served();
  }

  private Future<Void> listen() {
    // A negative port makes Vert.x pick one random port shared by every server using that same value.
    int requested = options.port() == 0 ? -1 : options.port();
    HttpServerOptions serverOptions = new HttpServerOptions().setHost(options.host()).setPort(requested)
        .setTcpNoDelay(true).setCompressionSupported(false).setIdleTimeout(120);
    return deployServers(serverOptions, Math.max(1, options.eventLoops()))
        .onSuccess(v -> pruneTimer = vertx.setPeriodic(60_000, id -> tokens.prune()));
  }

  private Future<Void> deployServers(HttpServerOptions serverOptions, int instances) {
    return vertx.deployVerticle(() -> new ServerVerticle(serverOptions), new DeploymentOptions().setInstances(instances))
        .onSuccess(deployments::add).mapEmpty();
  }

  /** One HTTP server on its event loop, all sharing the port and the router. */
  private final class ServerVerticle extends VerticleBase {
    private final HttpServerOptions serverOptions;

    ServerVerticle(HttpServerOptions serverOptions) {
      this.serverOptions = serverOptions;
    }

    @Override
    public Future<?> start() {
      return vertx.createHttpServer(serverOptions).requestHandler(router).listen().onSuccess(this::remember);
    }

    private void remember(HttpServer server) {
      synchronized (SpApiSimulator.this) {
        if (port == 0) {
          port = server.actualPort();
        }
      }
    }
  }

  private Future<Void> connectQueues() {
    if (!options.elasticMq() && options.sqsEndpoint() == null) {
      return Future.succeededFuture();
    }
    sqsClient = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000), new PoolOptions().setHttp1MaxSize(8));
    if (options.elasticMq()) {
      return EmbeddedElasticMq.start(vertx, options.host(), options.elasticMqPort()).onSuccess(mq -> {
        elasticMq = mq;
        notifications.deliverTo(new SqsQueues(sqsClient, sqsEndpoint()));
      }).mapEmpty();
    }
    notifications.deliverTo(new SqsQueues(sqsClient, options.sqsEndpoint()));
    return Future.succeededFuture();
  }

  /** Stops the servers, ElasticMQ and timers; the Vert.x instance stays the caller's. */
  public Future<Void> stop() {
    if (pruneTimer >= 0) {
      vertx.cancelTimer(pruneTimer);
    }
    orderActivity.stop();
    List<Future<?>> stops = new ArrayList<>();
    deployments.forEach(id -> stops.add(vertx.undeploy(id)));
    deployments.clear();
    if (elasticMq != null) {
      stops.add(elasticMq.stop(vertx));
      elasticMq = null;
    }
    if (sqsClient != null) {
      stops.add(sqsClient.close());
    }
    return Future.join(stops).mapEmpty();
  }

  public int port() {
    return port;
  }

  /** The SP-API endpoint that serves every region (no region check). */
  public String baseUrl() {
    return "http://" + options.host() + ":" + port;
  }

  /** The endpoint of one region: sellers of other regions are refused there, as on Amazon's regional hosts. */
  public String baseUrl(Region region) {
    return baseUrl() + "/" + region.code();
  }

  /** The LWA token endpoint (Amazon's https://api.amazon.com/auth/o2/token). */
  public String lwaUrl() {
    return baseUrl() + LwaTokenEndpoint.PATH;
  }

  /** The Seller Central consent page of the website authorisation flow. */
  public String consentUrl() {
    return baseUrl() + ConsentPage.PATH;
  }

  /** The SQS-compatible endpoint notifications go to, or null when delivery is off. */
  public String sqsEndpoint() {
    if (elasticMq != null) {
      return "http://" + options.host() + ":" + elasticMq.port();
    }
    return options.sqsEndpoint();
  }

  public SimulatorOptions options() {
    return options;
  }

  public SimClock clock() {
    return clock;
  }

  public List<Seller> sellers() {
    return world.sellers();
  }

  public Optional<Seller> seller(String sellerId) {
    return world.seller(sellerId);
  }

  public List<LwaApplication> applications() {
    return world.applications();
  }

  /** The operations served, each as its official model declares it. */
  public List<ModelOperation> servedOperations() {
    return served;
  }

  /** The simulator's S3: documents and how their downloads went. */
  public DocumentStore documents() {
    return documents;
  }

  /** Issues forced on chosen SKUs, so tests get partial failures where they want them. */
  public ForcedIssues forcedIssues() {
    return forcedIssues;
  }

  /** Amazon counted an FBA SKU's stock again: its fulfillable quantity is now this, changed now. */
  public Optional<FbaStock> setFulfillableQuantity(String sellerId, String sku, int quantity) {
    return world.seller(sellerId).flatMap(seller -> world.store(seller).setFulfillable(sku, quantity, clock.now()));
  }

  public FaultSettings faults() {
    return faults;
  }

  public QuotaGate quotas() {
    return quotas;
  }

  public RequestStats stats() {
    return stats;
  }

  public LwaCounters lwaCounters() {
    return lwaCounters;
  }

  public NotificationPublisher notifications() {
    return notifications;
  }

  /** How many SP-API calls arrived with an expired access token (a client that should have refreshed). */
  public long expiredTokenCalls() {
    return tokens.expiredTokenCalls();
  }

  public long expiredTokenCalls(String sellerId) {
    return tokens.expiredTokenCalls(sellerId);
  }

  /** The next refresh with this token gets invalid_grant. */
  public void revokeRefreshToken(String refreshToken) {
    consents.revoke(refreshToken);
  }

  /** LWA answers 503 (or, with {@code hang}, does not answer) for this long. */
  public void lwaOutage(Duration duration, boolean hang) {
    faults.lwaOutage(clock.now().plus(duration), hang);
  }

  /** Access tokens issued from now on live this long (existing ones keep their expiry). */
  public void tokenLifetime(Duration lifetime) {
    tokens.setLifetimeSeconds((int) lifetime.toSeconds());
  }

  /** A buyer places an order now (Unshipped); subscribers get ORDER_CHANGE. */
  public Order placeOrder(String sellerId) {
    return placeOrder(sellerId, "Unshipped", null);
  }

  /**
   * A buyer places an order now in {@code status} (v0's or 2026's word), fulfilled by {@code channel} (AFN or MFN; null:
   * the seed's pick); subscribers get ORDER_CHANGE.
   */
  public Order placeOrder(String sellerId, String status, String channel) {
    Seller seller = world.seller(sellerId).orElseThrow(() -> new IllegalArgumentException("unknown seller " + sellerId));
    String v0Status = OrderStatuses.v0Status(status).orElseThrow(() -> new IllegalArgumentException("unknown order status " + status));
    if (channel != null && !channel.equals("AFN") && !channel.equals("MFN")) {
      throw new IllegalArgumentException("the fulfillment channel must be AFN or MFN, got " + channel);
    }
    return orderChanges.place(seller, v0Status, channel);
  }

  /**
   * The order moves to {@code status} (v0's or 2026's word) now, as Amazon, the seller or the buyer would move it; empty
   * when no seller has the order.
   */
  public Optional<Order> setOrderStatus(String orderId, String status, String changeType) {
    String v0Status = OrderStatuses.v0Status(status).orElseThrow(() -> new IllegalArgumentException("unknown order status " + status));
    return orderChanges.storeOf(orderId)
        .flatMap(store -> orderChanges.setStatus(store.seller(), orderId, v0Status, changeType));
  }

  /** Every order change so far, for comparing with what a client stored. */
  public OrderChanges orderChanges() {
    return orderChanges;
  }

  /** The order generator: its rate can change at run time. */
  public OrderActivity orderActivity() {
    return orderActivity;
  }

  public void resetCounters() {
    stats.reset();
    quotas.reset();
    lwaCounters.reset();
    tokens.resetCounters();
    faultInjector.reset();
    notifications.resetCounters();
  }

  public JsonObject statsJson() {
    return stats.toJson()
        .put("lwa", lwaCounters.toJson())
        .put("expiredTokenCalls", tokens.expiredTokenCalls())
        .put("notifications", notifications.countersJson())
        .put("orders", orderActivity.toJson().put("changes", orderChanges.log().size()));
  }
}
