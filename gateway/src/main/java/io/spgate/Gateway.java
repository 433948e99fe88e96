package io.spgate;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.spgate.api.ApiVerticle;
import io.spgate.api.GatewayServices;
import io.spgate.config.GatewayConfig;
import io.spgate.health.Readiness;
import io.spgate.store.Database;
import io.spgate.store.EmbeddedPostgresServer;
import io.spgate.store.Migrations;
import io.spgate.store.SharedStores;
import io.spgate.tenant.ApiKeySecret;
import io.spgate.tenant.Authenticator;
import io.spgate.tenant.TenantStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.sqlclient.Pool;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: one Vert.x instance, the shared Postgres pool and stores, and the HTTP
 * verticles. The HTTP server comes up first so health answers while migrations run; readiness
 * turns UP once everything is in place.
 */
public final class Gateway {

  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final Vertx vertx;
  private final Optional<EmbeddedPostgresServer> embedded;
  private final Pool pool;
  private final SharedStores stores;
  private final int port;

  private Gateway(Vertx vertx, Optional<EmbeddedPostgresServer> embedded, Pool pool, SharedStores stores, int port) {
    this.vertx = vertx;
    this.embedded = embedded;
    this.pool = pool;
    this.stores = stores;
    this.port = port;
  }

  /** Starts a gateway; {@code out} is where a newly created admin key is shown, once. */
  public static Future<Gateway> start(GatewayConfig config, PrintStream out) {
    PrometheusMeterRegistry metrics = metricsRegistry();
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(metrics))
        .build();
    AtomicReference<Optional<EmbeddedPostgresServer>> embedded = new AtomicReference<>(Optional.empty());
    return postgres(vertx, config).compose(pg -> {
      embedded.set(pg);
      URI url = pg.map(EmbeddedPostgresServer::url).orElseGet(() -> config.pgUrl().orElseThrow());
      Pool pool = Database.pool(vertx, url, config.pgPoolSize());
      SharedStores stores = SharedStores.create(vertx, config.redisUrl());
      LOG.info("Shared stores (quota buckets, token cache, locks): {}", stores.description());
      Readiness readiness = new Readiness(vertx, pool, stores);
      TenantStore tenants = new TenantStore(pool);
      GatewayServices services = new GatewayServices(config, readiness, metrics, tenants, new Authenticator(tenants));
      return deployHttp(vertx, services)
          .onSuccess(port -> {
            readiness.verticlesDeployed();
            LOG.info("HTTP on {}:{} with {} event-loop instance(s)", config.host(), port, config.httpInstances());
          })
          .compose(port -> Migrations.bundled().apply(pool)
              .compose(applied -> tenants.ensureAdminKey(config.adminKey().map(ApiKeySecret::new)))
              .map(created -> {
                created.ifPresent(key -> showOnce(out, key));
                readiness.migrationsApplied();
                return new Gateway(vertx, pg, pool, stores, port);
              }));
    }).recover(failure -> {
      embedded.get().ifPresent(EmbeddedPostgresServer::close);
      return vertx.close().transform(closed -> Future.failedFuture(failure));
    });
  }

  /** Applies pending migrations and stops; for {@code spgate migrate}. */
  public static Future<List<Migrations.Migration>> migrate(GatewayConfig config) {
    Vertx vertx = Vertx.vertx();
    return postgres(vertx, config).compose(pg -> {
      Pool pool = Database.pool(vertx, pg.map(EmbeddedPostgresServer::url).orElseGet(() -> config.pgUrl().orElseThrow()), 1);
      return Migrations.bundled().apply(pool)
          .eventually(() -> pool.close())
          .eventually(() -> vertx.executeBlocking(() -> {
            pg.ifPresent(EmbeddedPostgresServer::close);
            return null;
          }));
    }).eventually(vertx::close);
  }

  public int port() {
    return port;
  }

  public Vertx vertx() {
    return vertx;
  }

  public Future<Void> stop() {
    stores.close();
    return pool.close()
        .eventually(() -> vertx.executeBlocking(() -> {
          embedded.ifPresent(EmbeddedPostgresServer::close);
          return null;
        }))
        .eventually(vertx::close);
  }

  private static Future<Optional<EmbeddedPostgresServer>> postgres(Vertx vertx, GatewayConfig config) {
    if (!config.embeddedPostgres()) {
      LOG.info("Postgres: {}", Database.describe(config.pgUrl().orElseThrow()));
      return Future.succeededFuture(Optional.empty());
    }
    return vertx.executeBlocking(() -> {
      EmbeddedPostgresServer server = EmbeddedPostgresServer.start(config.dataDir(), config.embeddedPgPort());
      LOG.info("Postgres: embedded, {} (data in {})", Database.describe(server.url()), server.dataDirectory());
      return Optional.of(server);
    });
  }

  /**
   * Deploys one HTTP verticle first to learn the port (SPGATE_PORT=0 picks a free one), then the
   * remaining instances on that same port.
   */
  private static Future<Integer> deployHttp(Vertx vertx, GatewayServices services) {
    AtomicReference<ApiVerticle> first = new AtomicReference<>();
    return vertx.deployVerticle(() -> {
          ApiVerticle verticle = new ApiVerticle(services, services.config().port());
          first.set(verticle);
          return verticle;
        }, new DeploymentOptions().setInstances(1))
        .compose(id -> {
          int port = first.get().actualPort();
          int more = services.config().httpInstances() - 1;
          return more == 0 ? Future.succeededFuture(port)
              : vertx.deployVerticle(() -> new ApiVerticle(services, port), new DeploymentOptions().setInstances(more))
                  .map(port);
        });
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
