package io.spgate.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads {@link GatewayConfig} from an optional properties file whose keys are the same
 * {@code SPGATE_*} names as the environment, then the environment on top.
 */
public final class ConfigLoader {

  /** Names the properties file; also settable with {@code --config FILE}. */
  public static final String CONFIG_FILE_KEY = "SPGATE_CONFIG";

  private ConfigLoader() {}

  public static GatewayConfig load(Path file, Map<String, String> env) {
    Map<String, String> values = new HashMap<>();
    if (file != null) {
      values.putAll(readFile(file));
    }
    env.forEach((key, value) -> {
      if (key.startsWith("SPGATE_")) {
        values.put(key, value);
      }
    });
    return fromValues(values);
  }

  /** Keys in the environment that look like ours but are not: most likely typos. */
  public static Set<String> unknownKeys(Map<String, String> env) {
    Set<String> known = GatewayConfig.SETTINGS.stream().map(Setting::key).collect(Collectors.toSet());
    return env.keySet().stream()
        .filter(k -> k.startsWith("SPGATE_") && !known.contains(k) && !k.equals(CONFIG_FILE_KEY))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * A tenant's calls in flight: below SPGATE_SPAPI_CONNECTIONS, or one tenant could hold every connection of an event loop's
   * pool to a host and starve the others' calls there. Unset, the default within that bound.
   */
  private static int tenantMaxConcurrent(Map<String, String> values) {
    int connections = GatewayConfig.SPAPI_CONNECTIONS.read(values::get);
    int ceiling = Math.max(1, connections - 1);
    Optional<Integer> set = GatewayConfig.TENANT_MAX_CONCURRENT.read(values::get);
    if (set.isPresent() && set.get() > ceiling) {
      throw ConfigException.invalid(GatewayConfig.TENANT_MAX_CONCURRENT.key(), String.valueOf(set.get()),
          "is not below SPGATE_SPAPI_CONNECTIONS (" + connections + ")", GatewayConfig.TENANT_MAX_CONCURRENT.expected());
    }
    return set.orElse(Math.min(GatewayConfig.TENANT_MAX_CONCURRENT_DEFAULT, ceiling));
  }

  static GatewayConfig fromValues(Map<String, String> values) {
    GatewayConfig config = new GatewayConfig(
        GatewayConfig.HOST.read(values::get),
        GatewayConfig.PORT.read(values::get),
        GatewayConfig.MANAGEMENT_HOST.read(values::get),
        GatewayConfig.MANAGEMENT_PORT.read(values::get),
        GatewayConfig.HTTP_IDLE_TIMEOUT.read(values::get),
        GatewayConfig.HTTP_INSTANCES.read(values::get),
        GatewayConfig.SHUTDOWN_DELAY.read(values::get),
        GatewayConfig.SHUTDOWN_GRACE.read(values::get),
        GatewayConfig.BODY_LIMIT.read(values::get),
        GatewayConfig.PG_URL.read(values::get),
        GatewayConfig.PG_POOL_SIZE.read(values::get),
        GatewayConfig.PG_STATEMENT_TIMEOUT.read(values::get),
        GatewayConfig.DATA_DIR.read(values::get),
        GatewayConfig.EMBEDDED_PG_PORT.read(values::get),
        GatewayConfig.REDIS_URL.read(values::get),
        GatewayConfig.ADMIN_KEY.read(values::get),
        GatewayConfig.ENCRYPTION_KEYS.read(values::get),
        GatewayConfig.APPLICATIONS_FILE.read(values::get),
        GatewayConfig.LWA_URL.read(values::get),
        GatewayConfig.SPAPI_ENDPOINT.read(values::get),
        GatewayConfig.SPAPI_READ_TIMEOUT.read(values::get),
        GatewayConfig.SPAPI_CONNECTIONS.read(values::get),
        tenantMaxConcurrent(values),
        GatewayConfig.TENANT_RATE.read(values::get),
        GatewayConfig.SELLER_CENTRAL_URL.read(values::get),
        GatewayConfig.PUBLIC_URL.read(values::get),
        GatewayConfig.TOKEN_REFRESH_LEAD.read(values::get),
        GatewayConfig.TOKEN_MIN_REMAINING.read(values::get),
        GatewayConfig.TOKEN_IDLE_AFTER.read(values::get),
        GatewayConfig.QUOTA_MAX_WAIT.read(values::get),
        GatewayConfig.QUOTA_REDIS_FALLBACK_SHARE.read(values::get),
        GatewayConfig.QUOTA_SAFETY_MARGIN.read(values::get),
        GatewayConfig.QUOTA_JITTER_ALLOWANCE.read(values::get),
        GatewayConfig.QUOTA_UNPLANNED_RATE.read(values::get),
        GatewayConfig.METRICS_TOP_SELLERS.read(values::get),
        GatewayConfig.REPORT_POLL_FIRST.read(values::get),
        GatewayConfig.REPORT_POLL_MAX.read(values::get),
        GatewayConfig.REPORT_DOCUMENT_ORIGINS.read(values::get),
        GatewayConfig.FEED_PROCESSING_GUESS.read(values::get),
        GatewayConfig.UPDATE_SELLERS_AT_ONCE.read(values::get),
        GatewayConfig.UPDATE_INTAKES_AT_ONCE.read(values::get),
        GatewayConfig.UPDATE_LEASE.read(values::get),
        GatewayConfig.INVENTORY_SYNC_EVERY.read(values::get),
        GatewayConfig.NOTIFICATIONS_QUEUE_URL.read(values::get),
        GatewayConfig.SQS_REGION.read(values::get),
        GatewayConfig.ORDERS_POLL_EVERY.read(values::get),
        GatewayConfig.ORDERS_POLL_UNHEALTHY.read(values::get),
        GatewayConfig.ORDERS_POLL_OVERLAP.read(values::get),
        GatewayConfig.ORDERS_FIRST_LOOKBACK.read(values::get),
        GatewayConfig.WEBHOOKS_ALLOW_PRIVATE.read(values::get),
        GatewayConfig.LOG_FORMAT.read(values::get),
        GatewayConfig.LOG_LEVELS.read(values::get),
        GatewayConfig.OTLP_ENDPOINT.read(values::get),
        GatewayConfig.TRACE_SAMPLE_RATIO.read(values::get));
    if (config.managementPort() != 0 && config.managementPort() == config.port()) {
      throw ConfigException.invalid(GatewayConfig.MANAGEMENT_PORT.key(), String.valueOf(config.managementPort()), "is SPGATE_PORT too",
          GatewayConfig.MANAGEMENT_PORT.expected());
    }
    return config;
  }

  private static Map<String, String> readFile(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      throw new ConfigException(CONFIG_FILE_KEY + "='" + file + "' does not exist; expected a readable properties file");
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(CONFIG_FILE_KEY + "='" + file + "' cannot be read (" + e.getMessage()
          + "); expected a properties file of SPGATE_* keys");
    }
    Map<String, String> values = new HashMap<>();
    Set<String> known = GatewayConfig.SETTINGS.stream().map(Setting::key).collect(Collectors.toSet());
    for (String key : properties.stringPropertyNames()) {
      if (!known.contains(key)) {
        throw new ConfigException(key + " in " + file + " is not a known setting; expected one of "
            + String.join(", ", new TreeSet<>(known)));
      }
      values.put(key, properties.getProperty(key));
    }
    return values;
  }
}
