package io.spgate.deploy;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spgate.Eventually;
import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.spgate.TestRedisServer;
import io.spgate.config.GatewayConfig;
import io.spgate.config.Setting;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Everything under ops/deploy parses, and says what the gateway really does: the Kubernetes objects probe real health
 * paths on the management port, roll out without losing capacity and stop within their grace period; Secrets hold
 * placeholders only; settings are real settings with valid values; the systemd unit stops gracefully; and every metric
 * an alert rule or a dashboard panel reads is one a gateway (with Redis, after one SP-API call) exports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployManifestsIT {

  private static final Path DEPLOY = DeployFiles.DEPLOY;
  private static final Path BASE = DEPLOY.resolve("k8s/base");
  private static final String PLACEHOLDER = "REPLACE_ME";
  /** Series Prometheus makes itself for every target, and the ones it makes for alerts. */
  private static final Set<String> MADE_BY_PROMETHEUS = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped", "ALERTS");
  /** Settings that hold credentials: never in a ConfigMap. */
  private static final Set<String> SECRET_SETTINGS = Set.of("SPGATE_ENCRYPTION_KEYS", "SPGATE_ADMIN_KEY", "SPGATE_PG_URL",
      "SPGATE_REDIS_URL");
  /** A dashboard variable's query of a metric's label values: the metric. */
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([A-Za-z_:][\\w:]*)");
  /** What a gateway takes for its graceful stop when the shutdown setting is not there to say. */

  private Vertx vertx;
  private TestRedisServer redis;
  private SimulatedAmazon amazon;
  private TestPostgres postgres;
  private TestGateway gateway;
  private String scrape;
  private Set<String> exported;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    redis = TestRedisServer.start(vertx);
    amazon = SimulatedAmazon.start(new SimulatorOptions().sellers(1).quotas(false));
    postgres = TestPostgres.create();
    gateway = TestGateway.start(amazon.gatewaySettings(postgres, Map.of("SPGATE_REDIS_URL", redis.url())));
    // One SP-API call, so the meters made per operation (quota grants, waits, Amazon's 429s) exist.
    Seller seller = amazon.registerSellers(gateway, "Deploy").get(0);
    String key = await(gateway.client.post("/v1/tenants/" + seller.tenantId() + "/keys")
        .putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY)
        .sendJsonObject(new JsonObject().put("scopes", new JsonArray().add("tenant:read")))).bodyAsJsonObject().getString("key");
    int status = await(gateway.client.get("/v1/sellers/" + seller.id() + "/sp-api/sellers/v1/marketplaceParticipations")
        .putHeader("Authorization", "Bearer " + key).send()).statusCode();
    assertThat(status).as("the SP-API call").isEqualTo(200);
    // The JVM's garbage collection meters appear at its first collection, which a serving gateway has within seconds.
    System.gc();
    scrape = Eventually.until(vertx, () -> await(gateway.management("/metrics").send()).bodyAsString(),
        metrics -> metrics.contains("jvm_gc_pause_seconds_count"));
    exported = sampleNames(scrape);
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    if (amazon != null) {
      amazon.close();
    }
    if (redis != null) {
      redis.close();
    }
    await(vertx.close());
  }

  /** The alerts on token refreshes read a counter the refresh path really increments. */
  @Test
  void should_count_the_token_refresh_the_call_made() {
    assertThat(scrape).containsPattern("(?m)^spgate_token_refreshes_total\\{[^}]*outcome=\"renewed\"[^}]*} 1\\.0$")
        .containsPattern("(?m)^spgate_token_refreshes_total\\{[^}]*outcome=\"invalid_grant\"[^}]*} 0\\.0$");
  }

  /** The alert on Amazon's 429s sees an operation's first one: its counter is there, at 0, before the operation is called. */
  @Test
  void should_count_amazons_429s_of_operations_not_yet_called() {
    assertThat(scrape).containsPattern("(?m)^spgate_quota_amazon_throttled_total\\{[^}]*operation=\"getOrder\"[^}]*} 0\\.0$")
        .containsPattern("(?m)^spgate_quota_amazon_throttled_total\\{[^}]*operation=\"patchListingsItem\"[^}]*} 0\\.0$");
  }

  @Test
  void should_parse_every_manifest_dashboard_and_rule_file() throws IOException {
    List<Path> files = DeployFiles.named(".yaml", ".yml", ".json");

    assertThat(files).hasSizeGreaterThanOrEqualTo(10);
    for (Path file : files) {
      assertThat(DeployFiles.documents(file)).as("%s parses and is not empty", file).isNotEmpty().doesNotContainNull();
    }
  }

  @Test
  void should_list_only_files_that_exist_in_every_kustomization() throws IOException {
    List<Path> kustomizations = DeployFiles.named("kustomization.yaml");

    assertThat(kustomizations).hasSizeGreaterThanOrEqualTo(2);
    for (Path file : kustomizations) {
      JsonNode k = DeployFiles.documents(file).get(0);
      List<String> listed = new ArrayList<>();
      k.path("resources").forEach(r -> listed.add(r.asText()));
      k.path("patches").forEach(p -> listed.add(p.path("path").asText()));
      assertThat(listed).as("%s lists resources", file).isNotEmpty();
      for (String path : listed) {
        Path target = file.getParent().resolve(path).normalize();
        assertThat(Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml")))
            .as("%s lists %s, which exists", file, path).isTrue();
      }
    }
  }

  @Test
  void should_deploy_every_kind_of_object_the_gateway_needs() throws IOException {
    assertThat(baseObjects().stream().map(o -> o.path("kind").asText()))
        .contains("Deployment", "Service", "ConfigMap", "Secret", "PodDisruptionBudget", "HorizontalPodAutoscaler");
    JsonNode hpa = baseObject("HorizontalPodAutoscaler");
    assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo(baseObject("Deployment").at("/metadata/name").asText());
    assertThat(hpa.at("/spec/metrics/0/resource/name").asText()).isEqualTo("cpu");
    assertThat(hpa.at("/spec/minReplicas").asInt()).isGreaterThanOrEqualTo(2);
    JsonNode pdb = baseObject("PodDisruptionBudget");
    assertThat(pdb.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
  }

  /** Only where kubectl is installed: the checks above read the files themselves. */
  @Test
  void should_render_every_overlay_with_kustomize() throws IOException, InterruptedException {
    Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed");
    List<Path> overlays;
    try (Stream<Path> dirs = Files.list(DEPLOY.resolve("k8s/overlays"))) {
      overlays = dirs.filter(Files::isDirectory).sorted().toList();
    }

    assertThat(overlays).isNotEmpty();
    for (Path overlay : overlays) {
      Process kubectl = new ProcessBuilder("kubectl", "kustomize", overlay.toString()).redirectErrorStream(true).start();
      String rendered = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(kubectl.waitFor(60, TimeUnit.SECONDS) && kubectl.exitValue() == 0).as("%s: %s", overlay, rendered)
          .isTrue();
      List<JsonNode> objects = DeployFiles.yamlDocuments(rendered);
      JsonNode deployment = objects.stream().filter(o -> o.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
      assertThat(deployment.at("/spec/template/spec/containers/0/image").asText()).as("%s's image", overlay).contains(":");
      String namespace = DeployFiles.documents(overlay.resolve("kustomization.yaml")).get(0).path("namespace").asText();
      assertThat(objects.stream().filter(o -> !o.path("kind").asText().equals("Namespace")))
          .as("%s's objects are in its namespace", overlay)
          .allSatisfy(o -> assertThat(o.at("/metadata/namespace").asText()).isEqualTo(namespace).isNotBlank());
    }
  }

  @Test
  void should_probe_real_health_paths_on_the_management_port() throws IOException {
    JsonNode container = container();
    int managementPort = Integer.parseInt(setting("SPGATE_MANAGEMENT_PORT"));
    Map<String, Integer> ports = new TreeMap<>();
    container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));

    assertThat(ports).containsEntry("management", managementPort).containsEntry("http", Integer.parseInt(setting("SPGATE_PORT")));
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      JsonNode get = container.path(probe).path("httpGet");
      String port = get.path("port").asText();
      assertThat(port.equals("management") || port.equals(String.valueOf(managementPort))).as("%s on the management port", probe).isTrue();
      String path = get.path("path").asText();
      assertThat(await(gateway.management(path).send()).statusCode()).as("%s's %s on a ready gateway", probe, path).isEqualTo(200);
    }
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/ready");
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/live");
    JsonNode management = baseObjects().stream()
        .filter(o -> o.path("kind").asText().equals("Service"))
        .flatMap(s -> StreamSupport.stream(s.at("/spec/ports").spliterator(), false))
        .filter(p -> p.path("name").asText().equals("management")).findFirst().orElseThrow();
    assertThat(management.path("targetPort").asText()).isEqualTo("management");
  }

  @Test
  void should_roll_out_without_losing_capacity_and_stop_within_the_grace_period() throws IOException {
    JsonNode deployment = baseObject("Deployment");
    long grace = deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asLong();

    assertThat(deployment.at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();
    assertThat(grace).as("terminationGracePeriodSeconds beyond the gateway's own stop (delay and grace)")
        .isGreaterThan(stopTime().toSeconds());
    assertThat(container().at("/resources/requests/cpu").isMissingNode()).isFalse();
    assertThat(container().at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(deployment.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
  }

  @Test
  void should_hold_placeholders_only_in_secrets() throws IOException {
    List<JsonNode> secrets = baseObjects().stream().filter(o -> o.path("kind").asText().equals("Secret")).toList();
    Map<String, String> values = new LinkedHashMap<>();
    secrets.forEach(s -> s.path("stringData").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText())));

    assertThat(secrets).allSatisfy(s -> assertThat(s.has("data")).as("base64 data, which hides what it holds").isFalse());
    assertThat(values).containsKeys(SECRET_SETTINGS.toArray(String[]::new));
    assertThat(values).allSatisfy((key, value) -> assertThat(value).as(key).contains(PLACEHOLDER));
    // The placeholders cannot start a gateway by mistake.
    for (String key : List.of("SPGATE_ENCRYPTION_KEYS", "SPGATE_ADMIN_KEY")) {
      assertThat(parses(settingNamed(key).orElseThrow(), values.get(key))).as("%s's placeholder is refused", key).isFalse();
    }
  }

  @Test
  void should_name_only_real_settings_with_valid_values() throws IOException {
    List<Map<String, String>> sources = new ArrayList<>();
    for (Path file : DeployFiles.named(".yaml")) {
      for (JsonNode object : DeployFiles.documents(file)) {
        if (object.path("kind").asText().equals("ConfigMap")) {
          Map<String, String> data = new TreeMap<>();
          object.path("data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
          assertThat(data.keySet()).as("%s: secrets belong in a Secret", file).doesNotContainAnyElementsOf(SECRET_SETTINGS);
          sources.add(data);
        }
      }
    }
    sources.add(DeployFiles.envFile(DEPLOY.resolve("systemd/spgate.env.example")));

    assertThat(sources).hasSizeGreaterThanOrEqualTo(3);
    for (Map<String, String> settings : sources) {
      assertThat(settings).isNotEmpty();
      settings.forEach((key, value) -> {
        Setting<?> setting = settingNamed(key).orElseThrow(() -> new AssertionError(key + " is not a setting"));
        assertThat(value.contains(PLACEHOLDER) || parses(setting, value)).as("%s=%s", key, value).isTrue();
      });
    }
  }

  @Test
  void should_run_under_systemd_as_an_unprivileged_user_and_stop_gracefully() throws IOException {
    Map<String, List<String>> unit = DeployFiles.systemdUnit(DEPLOY.resolve("systemd/spgate.service"));

    assertThat(unit.get("Service.ExecStart")).singleElement().asString().contains("spgate-gateway.jar serve");
    assertThat(unit.get("Service.EnvironmentFile")).singleElement().asString().startsWith("/etc/spgate/");
    assertThat(unit.containsKey("Service.User") || unit.containsKey("Service.DynamicUser")).isTrue();
    assertThat(unit.get("Service.KillSignal")).containsExactly("SIGTERM");
    assertThat(unit.get("Service.Restart")).containsExactly("on-failure");
    assertThat(unit.get("Service.NoNewPrivileges")).containsExactly("yes");
    assertThat(Long.parseLong(unit.get("Service.TimeoutStopSec").get(0))).isGreaterThan(stopTime().toSeconds());
    assertThat(unit.get("Install.WantedBy")).containsExactly("multi-user.target");
  }

  @Test
  void should_scrape_the_management_port() throws IOException {
    JsonNode prometheus = DeployFiles.documents(DEPLOY.resolve("prometheus/prometheus.yml")).get(0);
    List<JsonNode> jobs = StreamSupport.stream(prometheus.path("scrape_configs").spliterator(), false).toList();
    String managementPort = setting("SPGATE_MANAGEMENT_PORT");

    assertThat(jobs).isNotEmpty().allSatisfy(job -> assertThat(job.path("metrics_path").asText("/metrics")).isEqualTo("/metrics"));
    assertThat(jobs).allSatisfy(job -> assertThat(job.toString()).containsAnyOf(":" + managementPort, "management"));
    assertThat(prometheus.path("rule_files")).allSatisfy(f -> assertThat(DEPLOY.resolve("prometheus").resolve(f.asText())).isRegularFile());
  }

  @Test
  void should_alert_only_on_metrics_the_gateway_exports() throws IOException {
    List<JsonNode> rules = new ArrayList<>();
    for (Path file : DeployFiles.named("alerts.yml")) {
      DeployFiles.documents(file).get(0).path("groups").forEach(group -> group.path("rules").forEach(rules::add));
    }
    Set<String> recorded = rules.stream().filter(r -> r.has("record")).map(r -> r.path("record").asText()).collect(Collectors.toSet());
    Map<String, Set<String>> missing = new TreeMap<>();

    assertThat(rules).hasSizeGreaterThanOrEqualTo(7);
    for (JsonNode rule : rules) {
      String name = rule.path("alert").asText(rule.path("record").asText());
      Set<String> metrics = PromQl.metricNames(rule.path("expr").asText());
      assertThat(metrics).as("%s reads a metric", name).isNotEmpty();
      metrics.stream().filter(m -> !exported.contains(m) && !recorded.contains(m) && !MADE_BY_PROMETHEUS.contains(m))
          .forEach(m -> missing.computeIfAbsent(name, k -> new TreeSet<>()).add(m));
      if (rule.has("alert")) {
        assertThat(rule.at("/labels/severity").asText()).as("%s's severity", name).isIn("critical", "warning", "info");
        assertThat(rule.at("/annotations/summary").asText()).as("%s's summary", name).isNotBlank();
        assertThat(rule.at("/annotations/description").asText()).as("%s's description", name).isNotBlank();
      }
    }
    assertThat(missing).as("metrics no gateway exports, by rule (exported: %s)", exported).isEmpty();
  }

  @Test
  void should_chart_only_metrics_the_gateway_exports() throws IOException {
    List<Path> dashboards = DeployFiles.named(".json");
    Map<String, Set<String>> missing = new TreeMap<>();
    int expressions = 0;

    assertThat(dashboards).isNotEmpty();
    for (Path file : dashboards) {
      JsonNode dashboard = DeployFiles.documents(file).get(0);
      for (JsonNode panel : DeployFiles.panels(dashboard)) {
        for (JsonNode target : panel.path("targets")) {
          String expr = target.path("expr").asText();
          Set<String> metrics = PromQl.metricNames(expr);
          assertThat(metrics).as("panel %s reads a metric: %s", panel.path("title"), expr).isNotEmpty();
          expressions++;
          metrics.stream().filter(m -> !exported.contains(m))
              .forEach(m -> missing.computeIfAbsent(panel.path("title").asText(), k -> new TreeSet<>()).add(m));
        }
      }
      for (JsonNode variable : dashboard.at("/templating/list")) {
        String query = variable.path("query").isObject() ? variable.at("/query/query").asText() : variable.path("query").asText();
        Matcher m = LABEL_VALUES.matcher(query);
        if (m.find() && !exported.contains(m.group(1))) {
          missing.computeIfAbsent("variable " + variable.path("name").asText(), k -> new TreeSet<>()).add(m.group(1));
        }
      }
    }
    assertThat(expressions).isGreaterThanOrEqualTo(20);
    assertThat(missing).as("metrics no gateway exports, by panel (exported: %s)", exported).isEmpty();
  }

  // -- the base's objects, settings and the scrape

  /** The base's objects, read from the files its kustomization lists. */
  private List<JsonNode> baseObjects() throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    for (JsonNode resource : DeployFiles.documents(BASE.resolve("kustomization.yaml")).get(0).path("resources")) {
      objects.addAll(DeployFiles.documents(BASE.resolve(resource.asText())));
    }
    return objects;
  }

  private JsonNode baseObject(String kind) throws IOException {
    List<JsonNode> found = baseObjects().stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    assertThat(found).as("the base's %s", kind).hasSize(1);
    return found.get(0);
  }

  private JsonNode container() throws IOException {
    JsonNode containers = baseObject("Deployment").at("/spec/template/spec/containers");
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  /** A setting as the ConfigMap gives it, or its default. */
  private String setting(String key) throws IOException {
    JsonNode value = baseObject("ConfigMap").path("data").path(key);
    return value.isMissingNode() ? settingNamed(key).orElseThrow().defaultValue() : value.asText();
  }

  /** The longest a graceful stop takes with the ConfigMap's settings: the readiness delay, then the grace. */
  private Duration stopTime() throws IOException {
    return ((Duration) GatewayConfig.SHUTDOWN_DELAY.parser().parse(setting(GatewayConfig.SHUTDOWN_DELAY.key())))
        .plus((Duration) GatewayConfig.SHUTDOWN_GRACE.parser().parse(setting(GatewayConfig.SHUTDOWN_GRACE.key())));
  }

  private static Optional<Setting<?>> settingNamed(String key) {
    return GatewayConfig.SETTINGS.stream().filter(s -> s.key().equals(key)).findFirst();
  }

  private static boolean parses(Setting<?> setting, String value) {
    try {
      setting.parser().parse(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }

  /** The names of the samples in Prometheus' text format (x_total, x_bucket, x_count: each as it is scraped). */
  private static Set<String> sampleNames(String scrape) {
    Set<String> names = new TreeSet<>();
    scrape.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> names.add(l.split("[{ ]", 2)[0]));
    assertThat(names).as("the scrape's samples").isNotEmpty();
    return names;
  }
}
