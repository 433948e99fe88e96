package io.spgate.config;

import io.spgate.crypto.SecretBox;
import io.spgate.logging.LogFormat;
import io.spgate.quota.Rate;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's typed configuration, read once at start from an optional properties file and
 * {@code SPGATE_*} environment variables (which win). Every key has a default.
 */
public record GatewayConfig(
    String host,
    int port,
    String managementHost,
    int managementPort,
    Duration httpIdleTimeout,
    int httpInstances,
    Duration shutdownDelay,
    Duration shutdownGrace,
    long bodyLimitBytes,
    Optional<URI> pgUrl,
    int pgPoolSize,
    Duration pgStatementTimeout,
    Path dataDir,
    int embeddedPgPort,
    List<URI> redisUrls,
    Optional<String> adminKey,
    List<SecretBox.Key> encryptionKeys,
    Optional<Path> applicationsFile,
    URI lwaUrl,
    Optional<URI> spapiEndpoint,
    Duration spapiReadTimeout,
    int spapiConnections,
    int tenantMaxConcurrent,
    Rate tenantRate,
    Optional<URI> sellerCentralUrl,
    Optional<URI> publicUrl,
    Duration tokenRefreshLead,
    Duration tokenMinRemaining,
    Duration tokenIdleAfter,
    Duration quotaMaxWait,
    double quotaRedisFallbackShare,
    double quotaSafetyMargin,
    Duration quotaJitterAllowance,
    Rate quotaUnplannedRate,
    int metricsTopSellers,
    Duration reportPollFirst,
    Duration reportPollMax,
    List<URI> reportDocumentOrigins,
    Duration feedProcessingGuess,
    int updateSellersAtOnce,
    int updateIntakesAtOnce,
    Duration updateLease,
    Duration inventorySyncEvery,
    Optional<URI> notificationsQueueUrl,
    String sqsRegion,
    Duration ordersPollEvery,
    Duration ordersPollUnhealthy,
    Duration ordersPollOverlap,
    Duration ordersFirstLookback,
    boolean webhooksAllowPrivate,
    LogFormat logFormat,
    Map<String, String> logLevels,
    Optional<URI> otlpEndpoint,
    double traceSampleRatio) {

  public static final Setting<String> HOST = new Setting<>("SPGATE_HOST", "0.0.0.0",
      "a host name or IP address", "Interface the HTTP server binds to.", Parsers.host());
  public static final Setting<Integer> PORT = new Setting<>("SPGATE_PORT", "8080",
      "a port number 0-65535 (0 picks a free port)", "HTTP port of the API and the console.", Parsers.intRange(0, 65535));
  public static final Setting<String> MANAGEMENT_HOST = new Setting<>("SPGATE_MANAGEMENT_HOST", "0.0.0.0",
      "a host name or IP address", "Interface the management server (metrics and health) binds to.", Parsers.host());
  public static final Setting<Integer> MANAGEMENT_PORT = new Setting<>("SPGATE_MANAGEMENT_PORT", "9464",
      "a port number 0-65535 other than SPGATE_PORT (0 picks a free port)",
      "Port of the management server: /metrics (Prometheus) and /health/live, /health/ready. Keep it off the public network: "
          + "the metrics name every tenant's sellers.",
      Parsers.intRange(0, 65535));
  public static final Setting<Duration> HTTP_IDLE_TIMEOUT = new Setting<>("SPGATE_HTTP_IDLE_TIMEOUT", "75s",
      "a duration such as 75s (1s-1h)",
      "How long a connection to the API or management port may stay open with no request on it (kept alive, or never sending "
          + "a whole request); then it is closed. A request in progress keeps its connection however long it waits. Keep it "
          + "longer than the idle timeout of a load balancer in front (60s on AWS's).",
      Parsers.duration(Duration.ofSeconds(1), Duration.ofHours(1)));
  public static final Setting<Duration> SHUTDOWN_DELAY = new Setting<>("SPGATE_SHUTDOWN_DELAY", "5s",
      "a duration such as 5s (0s-5m)",
      "On SIGTERM, how long the instance keeps serving with readiness DOWN before it stops taking connections, so that load "
          + "balancers stop sending to it first. Longer than their readiness probe's period times its failure threshold.",
      Parsers.duration(Duration.ZERO, Duration.ofMinutes(5)));
  public static final Setting<Duration> SHUTDOWN_GRACE = new Setting<>("SPGATE_SHUTDOWN_GRACE", "30s",
      "a duration such as 30s (1s-10m)",
      "On SIGTERM, after SPGATE_SHUTDOWN_DELAY, how long requests in progress and the background work in hand get to finish "
          + "before the instance closes anyway.",
      Parsers.duration(Duration.ofSeconds(1), Duration.ofMinutes(10)));
  public static final Setting<Integer> HTTP_INSTANCES = new Setting<>("SPGATE_HTTP_INSTANCES",
      String.valueOf(Runtime.getRuntime().availableProcessors()), "a whole number 1-64",
      "HTTP verticle instances (event loops serving requests); defaults to the number of cores.",
      Parsers.intRange(1, 64));
  public static final Setting<Long> BODY_LIMIT = new Setting<>("SPGATE_BODY_LIMIT", "1MiB",
      "a size such as 65536, 512KiB or 1MiB (1KiB-64MiB)",
      "Largest JSON request body the /v1 API accepts; larger bodies get 413.",
      Parsers.byteSize(1024, 64L * 1024 * 1024));
  public static final Setting<Optional<URI>> PG_URL = new Setting<>("SPGATE_PG_URL", "",
      "a URL postgresql://user[:password]@host[:port]/database, or empty for embedded Postgres",
      "Postgres to use. Empty starts an embedded Postgres whose data lives under SPGATE_DATA_DIR.",
      Parsers.optionalPostgresUrl());
  public static final Setting<Integer> PG_POOL_SIZE = new Setting<>("SPGATE_PG_POOL_SIZE", "16",
      "a whole number 1-500", "Connections in the shared Postgres pool.", Parsers.intRange(1, 500));
  public static final Setting<Duration> PG_STATEMENT_TIMEOUT = new Setting<>("SPGATE_PG_STATEMENT_TIMEOUT", "30s",
      "a duration such as 30s (100ms-1h)",
      "Longest one SQL statement may run, waiting for locks included; then Postgres cancels it and the request gets 503 "
          + "postgres_timeout. Migrations are not limited.",
      Parsers.duration(Duration.ofMillis(100), Duration.ofHours(1)));
  public static final Setting<Path> DATA_DIR = new Setting<>("SPGATE_DATA_DIR", ".spgate",
      "a directory path", "Where embedded Postgres keeps its data between runs.", Parsers.path());
  public static final Setting<Integer> EMBEDDED_PG_PORT = new Setting<>("SPGATE_EMBEDDED_PG_PORT", "0",
      "a port number 0-65535 (0 picks a free port)", "Port of the embedded Postgres.", Parsers.intRange(0, 65535));
  public static final Setting<List<URI>> REDIS_URL = new Setting<>("SPGATE_REDIS_URL", "",
      "a URL redis://[:password@]host[:port][/db]; or several, comma-separated, for a Redis Cluster; or empty for in-process stores",
      "Redis shared by all instances for quota buckets, the token cache and locks: one URL for one server (or primary); several "
          + "comma-separated URLs for a Redis Cluster, its seed nodes (the others are discovered). Empty keeps them in process "
          + "(one instance only).",
      Parsers.redisUrls());
  public static final Setting<Optional<String>> ADMIN_KEY = new Setting<>("SPGATE_ADMIN_KEY", "",
      "at least 32 printable characters without spaces, or empty",
      "An admin API key to accept. Empty: a random admin key is created and printed once on first start.",
      Parsers.secret(Parsers.optionalKey(32)));

  public static final Setting<List<SecretBox.Key>> ENCRYPTION_KEYS = new Setting<>("SPGATE_ENCRYPTION_KEYS", "",
      "id:base64-of-32-bytes[,id:base64...], oldest first, or empty",
      "AES-256-GCM keys for secrets at rest (refresh tokens, client secrets); the last seals new secrets. "
          + "Empty with embedded Postgres: a key is made once in SPGATE_DATA_DIR/encryption-keys. Required with SPGATE_PG_URL.",
      Parsers.secret(Parsers.encryptionKeys()));

  public static final Setting<Optional<Path>> APPLICATIONS_FILE = new Setting<>("SPGATE_APPLICATIONS_FILE", "",
      "a path to a JSON array of applications, or empty",
      "LWA applications to save at start (secrets sealed): [{\"id\",\"applicationId\",\"clientId\",\"clientSecret\","
          + "\"redirectUri\"?,\"draft\"?,\"aws\"?:{\"accessKeyId\",\"secretAccessKey\",\"roleArn\"?}}].",
      Parsers.optionalPath());
  public static final Setting<URI> LWA_URL = new Setting<>("SPGATE_LWA_URL", "https://api.amazon.com/auth/o2/token",
      "an http(s) URL", "Login with Amazon's token endpoint.", Parsers.uri("https", "http"));
  public static final Setting<Optional<URI>> SPAPI_ENDPOINT = new Setting<>("SPGATE_SPAPI_ENDPOINT", "",
      "an http(s) URL, or empty", "Sends every region's SP-API calls here instead of Amazon's regional endpoints (the simulator).",
      Parsers.optionalUri("https", "http"));
  public static final Setting<Duration> SPAPI_READ_TIMEOUT = new Setting<>("SPGATE_SPAPI_READ_TIMEOUT", "60s",
      "a duration such as 60s (1s-10m)",
      "How long a connection to SP-API may go without Amazon sending anything while a call waits on it; then it is closed and "
          + "the call fails (502, or 504 when a call that is not idempotent may have been carried out).",
      Parsers.duration(Duration.ofSeconds(1), Duration.ofMinutes(10)));
  public static final Setting<Integer> SPAPI_CONNECTIONS = new Setting<>("SPGATE_SPAPI_CONNECTIONS", "64",
      "a whole number 1-1000",
      "Connections to each SP-API host per event loop serving calls. A call that finds them all busy waits for one up to "
          + "10s, then gets 503 spapi_pool_exhausted.",
      Parsers.intRange(1, 1000));
  public static final Setting<Optional<Integer>> TENANT_MAX_CONCURRENT = new Setting<>("SPGATE_TENANT_MAX_CONCURRENT", "",
      "a whole number from 1 to SPGATE_SPAPI_CONNECTIONS - 1, or empty for 32 (at most SPGATE_SPAPI_CONNECTIONS - 1)",
      "Calls one tenant may have in flight on an instance (quota waits included) unless its limits say otherwise; past it, "
          + "429 tenant_concurrency_limit. Below SPGATE_SPAPI_CONNECTIONS, so no tenant holds an event loop's every connection to "
          + "a host; its API calls other than the pass-through, which use Postgres, stop at three quarters of SPGATE_PG_POOL_SIZE.",
      Parsers.optionalIntRange(1, 999));
  public static final Setting<Rate> TENANT_RATE = new Setting<>("SPGATE_TENANT_RATE", "500/1000",
      "calls per second / burst, such as 500/1000 (up to 100000/100000)",
      "Calls per second one tenant may make to an instance unless its limits say otherwise, and how many at once after a "
          + "pause; past it, 429 tenant_rate_limit with Retry-After. Per instance: N instances admit about N times as many.",
      Parsers.rate());
  public static final Setting<Optional<URI>> SELLER_CENTRAL_URL = new Setting<>("SPGATE_SELLER_CENTRAL_URL", "",
      "an http(s) URL, or empty", "Consent pages go here instead of each marketplace's Seller Central (the simulator).",
      Parsers.optionalUri("https", "http"));

  public static final Setting<Optional<URI>> PUBLIC_URL = new Setting<>("SPGATE_PUBLIC_URL", "",
      "an http(s) URL, or empty",
      "The gateway's address as sellers' browsers reach it (OAuth redirect). Empty: http://localhost:SPGATE_PORT.",
      Parsers.optionalUri("https", "http"));

  public static final Setting<Duration> TOKEN_REFRESH_LEAD = new Setting<>("SPGATE_TOKEN_REFRESH_LEAD", "10m",
      "a duration such as 600s or 10m (1s-50m)",
      "Access tokens are renewed this long before they expire (plus up to half of it, as jitter).",
      Parsers.duration(Duration.ofSeconds(1), Duration.ofMinutes(50)));
  public static final Setting<Duration> TOKEN_MIN_REMAINING = new Setting<>("SPGATE_TOKEN_MIN_REMAINING", "60s",
      "a duration such as 60s (100ms-10m)", "No SP-API call leaves with a token that has less than this left.",
      Parsers.duration(Duration.ofMillis(100), Duration.ofMinutes(10)));
  public static final Setting<Duration> TOKEN_IDLE_AFTER = new Setting<>("SPGATE_TOKEN_IDLE_AFTER", "1h",
      "a duration such as 30m or 1h (1s-24h)", "A seller's token is no longer renewed ahead once it has been unused this long.",
      Parsers.duration(Duration.ofSeconds(1), Duration.ofHours(24)));

  public static final Setting<Duration> QUOTA_MAX_WAIT = new Setting<>("SPGATE_QUOTA_MAX_WAIT", "10s",
      "a duration such as 10s (0ms-5m)",
      "How long a call may wait for its quota slot when it does not say (X-Spgate-Max-Wait); beyond it, 429 at once.",
      Parsers.duration(Duration.ZERO, Duration.ofMinutes(5)));

  public static final Setting<Double> QUOTA_REDIS_FALLBACK_SHARE = new Setting<>("SPGATE_QUOTA_REDIS_FALLBACK_SHARE", "0.34",
      "a number from 0 to 1",
      "When Redis fails, each instance decides quotas in process at this share of every rate and burst (set it to about "
          + "1 / instances); readiness says DEGRADED. 0 refuses SP-API calls instead (503) and readiness goes DOWN.",
      Parsers.fraction());

  public static final Setting<Double> QUOTA_SAFETY_MARGIN = new Setting<>("SPGATE_QUOTA_SAFETY_MARGIN", "0.005",
      "a number from 0 to 1 (0.005 is 0.5 %)",
      "Calls are spaced this much slower than each quota, against rates the models round up (0.0167/s for one a minute).",
      Parsers.fraction());

  public static final Setting<Duration> QUOTA_JITTER_ALLOWANCE = new Setting<>("SPGATE_QUOTA_JITTER_ALLOWANCE", "1s",
      "a duration such as 1s (0ms-1m)",
      "How late a call may reach Amazon after its quota slot and still find a token: each bucket leaves this much of "
          + "Amazon's refill unused (at most all but one token of the burst, once).",
      Parsers.duration(Duration.ZERO, Duration.ofMinutes(1)));

  public static final Setting<Rate> QUOTA_UNPLANNED_RATE = new Setting<>("SPGATE_QUOTA_UNPLANNED_RATE", "0.5/1",
      "calls per second / burst, such as 0.5/1",
      "The quota assumed for operations whose usage plan the models do not give, until Amazon announces one "
          + "(x-amzn-RateLimit-Limit).",
      Parsers.rate());

  public static final Setting<Integer> METRICS_TOP_SELLERS = new Setting<>("SPGATE_METRICS_TOP_SELLERS", "100",
      "a whole number 0-100000",
      "Sellers with quota meters of their own: the busiest ones, chosen again every minute; all count in the totals per "
          + "operation. 0 keeps the totals only.",
      Parsers.intRange(0, 100_000));

  public static final Setting<Duration> REPORT_POLL_FIRST = new Setting<>("SPGATE_REPORT_POLL_FIRST", "2s",
      "a duration such as 2s (100ms-10m)",
      "How long a report job waits before it first asks Amazon whether its report is done; each later wait is half as long again.",
      Parsers.duration(Duration.ofMillis(100), Duration.ofMinutes(10)));

  public static final Setting<Duration> REPORT_POLL_MAX = new Setting<>("SPGATE_REPORT_POLL_MAX", "60s",
      "a duration such as 60s (1s-1h)", "The longest wait between two getReport calls of a report job.",
      Parsers.duration(Duration.ofSeconds(1), Duration.ofHours(1)));

  public static final Setting<Duration> FEED_PROCESSING_GUESS = new Setting<>("SPGATE_FEED_PROCESSING_GUESS", "30m",
      "a duration such as 30m (1s-24h)",
      "How long Amazon is expected to take over a JSON_LISTINGS_FEED until spgate has seen some through (then it goes by the "
          + "median of the last 20); the planner weighs it against patches when it chooses a seller's route.",
      Parsers.duration(Duration.ofSeconds(1), Duration.ofHours(24)));

  public static final Setting<Integer> UPDATE_SELLERS_AT_ONCE = new Setting<>("SPGATE_UPDATE_SELLERS_AT_ONCE", "200",
      "a whole number 1-10000", "How many sellers' updates an instance sends at the same time (each seller's at its own quota). "
          + "The default suits an instance with cores of its own; instances that share cores take fewer.",
      Parsers.intRange(1, 10_000));

  public static final Setting<Integer> UPDATE_INTAKES_AT_ONCE = new Setting<>("SPGATE_UPDATE_INTAKES_AT_ONCE", "4",
      "a whole number 1-1000", "How many POST /v1/updates an instance takes at the same time; each holds a database connection "
          + "in its transaction while its body arrives, so a few slow uploads cannot take the pool. Past it: 503 updates_busy.",
      Parsers.intRange(1, 1_000));

  public static final Setting<Duration> UPDATE_LEASE = new Setting<>("SPGATE_UPDATE_LEASE", "60s", "a duration such as 60s (3s-10m)",
      "How long an instance holds a seller whose updates it sends; a round takes at most a sixth of it. When an instance dies, "
          + "another takes its sellers on once their leases ran out.",
      Parsers.duration(Duration.ofSeconds(3), Duration.ofMinutes(10)));

  public static final Setting<List<URI>> REPORT_DOCUMENT_ORIGINS = new Setting<>("SPGATE_REPORT_DOCUMENT_ORIGINS", "",
      "comma-separated origins such as http://127.0.0.1:9400, or empty",
      "Where report documents may be downloaded from besides Amazon's storage (https on hosts ending in .amazonaws.com): "
          + "the simulator's origin in tests and demos. Any other URL Amazon's answer names is refused.",
      Parsers.origins());

  public static final Setting<Duration> INVENTORY_SYNC_EVERY = new Setting<>("SPGATE_INVENTORY_SYNC_EVERY", "15m",
      "a duration such as 15m (10s-24h)",
      "How often the FBA inventory of each channel with FBA mappings is read from Amazon (getInventorySummaries, changes since "
          + "the last read; everything once a day).",
      Parsers.duration(Duration.ofSeconds(10), Duration.ofHours(24)));

  public static final Setting<Optional<URI>> NOTIFICATIONS_QUEUE_URL = new Setting<>("SPGATE_NOTIFICATIONS_QUEUE_URL", "",
      "an SQS queue URL, or empty",
      "The SQS queue Amazon's notifications arrive on (a standard queue; its ARN is made from the URL for createDestination). "
          + "Empty: no notifications are read or set up, and polling alone keeps orders.",
      Parsers.optionalUri("https", "http"));
  public static final Setting<String> SQS_REGION = new Setting<>("SPGATE_SQS_REGION", "us-east-1",
      "an AWS region such as us-east-1",
      "The notification queue's region, where its URL does not say it (an SQS-compatible server such as ElasticMQ).",
      Parsers.host());
  public static final Setting<Duration> ORDERS_POLL_EVERY = new Setting<>("SPGATE_ORDERS_POLL_EVERY", "15m",
      "a duration such as 15m (3m-24h)",
      "How often each seller's orders are searched for changes the notifications did not bring (searchOrders allows one call "
          + "per three minutes per seller).",
      Parsers.duration(Duration.ofMinutes(3), Duration.ofHours(24)));
  public static final Setting<Duration> ORDERS_POLL_UNHEALTHY = new Setting<>("SPGATE_ORDERS_POLL_UNHEALTHY", "3m",
      "a duration such as 3m (3m-1h)",
      "How often a seller whose notifications are missing changes is polled instead, until they recover.",
      Parsers.duration(Duration.ofMinutes(3), Duration.ofHours(1)));
  public static final Setting<Duration> ORDERS_POLL_OVERLAP = new Setting<>("SPGATE_ORDERS_POLL_OVERLAP", "5m",
      "a duration such as 5m (0s-1h)",
      "How far back before its checkpoint each poll starts, for changes Amazon shows late.",
      Parsers.duration(Duration.ZERO, Duration.ofHours(1)));
  public static final Setting<Duration> ORDERS_FIRST_LOOKBACK = new Setting<>("SPGATE_ORDERS_FIRST_LOOKBACK", "24h",
      "a duration such as 24h (1h-720h)",
      "How far back a seller's first poll reads orders.",
      Parsers.duration(Duration.ofHours(1), Duration.ofDays(30)));

  public static final Setting<Boolean> WEBHOOKS_ALLOW_PRIVATE = new Setting<>("SPGATE_WEBHOOKS_ALLOW_PRIVATE", "false",
      "true or false",
      "Whether webhook endpoints may be plain http and on loopback, private, link-local, unique-local or multicast addresses "
          + "(checked at registration and before every attempt). Only for tests, demos and receivers inside your own network.",
      Parsers.bool());

  public static final Setting<LogFormat> LOG_FORMAT = new Setting<>("SPGATE_LOG_FORMAT", "json", "json or text",
      "How log lines are written to standard output: one JSON object per line (for a log pipeline), or text for a terminal "
          + "(ops/run uses it). See \"Logs and traces\".",
      Parsers.logFormat());
  public static final Setting<Map<String, String>> LOG_LEVELS = new Setting<>("SPGATE_LOG_LEVELS", "",
      "comma-separated logger=level such as io.spgate.quota=debug,io.netty=warn (levels trace, debug, info, warn, error, off; "
          + "root for the root logger), or empty",
      "Log levels per package or class, over the defaults (INFO; io.netty and io.zonky WARN).",
      Parsers.logLevels());
  public static final Setting<Optional<URI>> OTLP_ENDPOINT = new Setting<>("SPGATE_OTLP_ENDPOINT", "",
      "an OTLP/HTTP collector URL such as http://otel-collector:4318, or empty",
      "Where spans are exported (OTLP over HTTP, protobuf, to its /v1/traces). Empty: none are exported, but a caller's W3C "
          + "traceparent is still carried on to Amazon and its trace id onto the log lines.",
      Parsers.optionalUri("http", "https"));
  public static final Setting<Double> TRACE_SAMPLE_RATIO = new Setting<>("SPGATE_TRACE_SAMPLE_RATIO", "1",
      "a number from 0 to 1",
      "With SPGATE_OTLP_ENDPOINT: the share of requests without a sampled traceparent that start a trace (a caller's sampled "
          + "trace is always followed).",
      Parsers.fraction());
  /** A tenant's calls in flight when SPGATE_TENANT_MAX_CONCURRENT is empty, unless the SP-API pool is smaller. */
  public static final int TENANT_MAX_CONCURRENT_DEFAULT = 32;

  /** The gateway's address as browsers reach it. */
  public URI publicUrlOrLocal(int actualPort) {
    return publicUrl.orElse(URI.create("http://localhost:" + actualPort));
  }

  /** Every key, in the order the README documents them. */
  public static final List<Setting<?>> SETTINGS = List.of(HOST, PORT, MANAGEMENT_HOST, MANAGEMENT_PORT, HTTP_IDLE_TIMEOUT,
      HTTP_INSTANCES, SHUTDOWN_DELAY, SHUTDOWN_GRACE, BODY_LIMIT, PG_URL,
      PG_POOL_SIZE, PG_STATEMENT_TIMEOUT, DATA_DIR, EMBEDDED_PG_PORT, REDIS_URL, ADMIN_KEY,
      ENCRYPTION_KEYS, APPLICATIONS_FILE, LWA_URL, SPAPI_ENDPOINT, SPAPI_READ_TIMEOUT, SPAPI_CONNECTIONS, TENANT_MAX_CONCURRENT,
      TENANT_RATE, SELLER_CENTRAL_URL,
      PUBLIC_URL, TOKEN_REFRESH_LEAD, TOKEN_MIN_REMAINING, TOKEN_IDLE_AFTER, QUOTA_MAX_WAIT, QUOTA_REDIS_FALLBACK_SHARE,
      QUOTA_SAFETY_MARGIN, QUOTA_JITTER_ALLOWANCE, QUOTA_UNPLANNED_RATE, METRICS_TOP_SELLERS, REPORT_POLL_FIRST, REPORT_POLL_MAX,
      REPORT_DOCUMENT_ORIGINS, FEED_PROCESSING_GUESS, UPDATE_SELLERS_AT_ONCE,
      UPDATE_INTAKES_AT_ONCE, UPDATE_LEASE, INVENTORY_SYNC_EVERY, NOTIFICATIONS_QUEUE_URL, SQS_REGION, ORDERS_POLL_EVERY,
      ORDERS_POLL_UNHEALTHY, ORDERS_POLL_OVERLAP, ORDERS_FIRST_LOOKBACK, WEBHOOKS_ALLOW_PRIVATE, LOG_FORMAT, LOG_LEVELS,
      OTLP_ENDPOINT, TRACE_SAMPLE_RATIO);

  public boolean embeddedPostgres() {
    return pgUrl.isEmpty();
  }
}
