package io.spgate.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code ops/bench orders}: the simulator's buyers place orders for 1,000 sellers, which move on by themselves (Pending,
 * Unshipped, Shipped or Canceled), each change an ORDER_CHANGE that the simulator duplicates, delays out of order and
 * sometimes drops on its way through its SQS queue (ElasticMQ). Three gateway JVMs consume that queue, read each order
 * with getOrder, poll searchOrders as the safety net, and send each change as a signed webhook to a receiver here.
 *
 * <p>The ground truth is the simulator's change log (every change, its wall-clock instant, and whether its notification
 * was sent or dropped). After the activity is frozen the bench waits until the receiver has seen every order's last
 * state (or a deadline), then compares: the gateway's stored orders (one per order, in its last state), its event
 * stream (every event at the receiver), and each change's lag (from the change to the first event at the receiver
 * carrying that state or a later one), apart for announced changes and for those whose notification was dropped.
 */
final class OrdersBench {

  private static final long SEED = 42;
  private static final List<String> ORDER_EVENTS = List.of("order.created", "order.changed", "order.shipped");
  /** getOrder: 0.5 requests per second per seller (the rate table): one slot is 2 s before the time scale. */
  private static final double GET_ORDER_RATE = 0.5;
  /** Amazon's searchOrders refuses lastUpdatedBefore later than 2 minutes ago; the gateway keeps 5 s more. */
  private static final Duration SETTLING = Duration.ofSeconds(125);

  private OrdersBench() {}

  /** One change of the ground truth, as much of it as the figures need. */
  private record Change(String orderId, Instant lastUpdated, Instant changedAt, String notification, long firstCopyDelayMillis)
      implements WebhookReceiver.OrderState {
    static Change of(JsonObject json) {
      return new Change(json.getString("orderId"), Instant.parse(json.getString("lastUpdatedTime")),
          Instant.parse(json.getString("changedAt")), json.getString("notification"), json.getLong("firstCopyDelayMillis", 0L));
    }
  }

  static boolean run(Flags flags) throws Exception {
    int sellerCount = flags.integer("sellers", 1000, 1, 100_000);
    int instances = flags.integer("instances", 3, 1, 10);
    double timeScale = flags.number("time-scale", 1, 0, true, 1000);
    double orderRate = flags.number("order-rate", 10, 0, true, 10_000);
    int placingS = flags.integer("seconds", 180, 10, 86_400);
    double duplicates = flags.number("duplicates", 0.2, 0, false, 1);
    int delayMs = flags.integer("delay-ms", 5000, 0, 3_600_000);
    double drops = flags.number("drops", 0.05, 0, false, 1);
    String pollEvery = flags.text("poll-every", "3m");
    int maxWaitS = flags.integer("max-wait", 900, 60, 86_400);
    String gatewayHeap = flags.text("gateway-heap", "512m");
    String pgServer = flags.pgServer();
    String redis = flags.redis();
    flags.requireAllRead();
    Duration poll = duration("poll-every", pollEvery);

    Path logs = Files.createTempDirectory("spgate-bench-orders-");
    double notificationBoundS = delayMs / 1000.0 / timeScale;
    double slotS = 1 / (GET_ORDER_RATE * timeScale);
    double lagGoalS = notificationBoundS + slotS;
    System.out.printf(Locale.ROOT, "orders: %s orders a second for %d s over %d sellers, time scale %s; notifications %s duplicated, "
        + "delayed up to %d ms (before the scale), %s dropped; %d gateway instances polling every %s; %d cores; logs in %s%n",
        Flags.plain(orderRate * timeScale), placingS, sellerCount, Flags.plain(timeScale), percent(duplicates), delayMs, percent(drops), instances,
        pollEvery, Runtime.getRuntime().availableProcessors(), logs);

    Vertx vertx = Vertx.vertx();
    WebClient web = WebClient.create(vertx, new io.vertx.ext.web.client.WebClientOptions(),
        new PoolOptions().setHttp1MaxSize(GatewayApi.CONCURRENCY));
    BenchDatabases databases = new BenchDatabases(vertx, pgServer);
    List<ComponentJvm> components = new ArrayList<>();
    WebhookReceiver receiver = new WebhookReceiver();
    HttpServer receiverServer = null;
    try {
      // The simulator, with its embedded SQS queue and the traps; its buyers wait until the set-up is done.
      Path credentialsFile = logs.resolve("simulator-credentials.json");
      int sqsPort = ComponentJvm.freePort();
      ComponentJvm simulatorJvm = ComponentJvm.start("simulator", "io.spgate.simulator.Main", List.of("--port", "0", "--host",
          "127.0.0.1", "--sellers", String.valueOf(sellerCount), "--seed", String.valueOf(SEED), "--listings", "5", "--orders", "0",
          "--time-scale", Flags.plain(timeScale), "--quotas", "on", "--elasticmq-port", String.valueOf(sqsPort),
          "--notification-duplicates", Flags.plain(duplicates), "--notification-delay", String.valueOf(delayMs),
          "--notification-drops", Flags.plain(drops), "--credentials-out", credentialsFile.toString()), Map.of(), logs);
      components.add(simulatorJvm);
      simulatorJvm.awaitReady(() -> ProxyBench.readJson(credentialsFile) != null, Duration.ofMinutes(2));
      JsonObject credentials = ProxyBench.readJson(credentialsFile);
      URI simulator = URI.create(credentials.getString("baseUrl"));
      JsonArray simSellers = credentials.getJsonArray("sellers");
      String queueUrl = createQueue(web, sqsPort, "spgate-bench-orders");

      receiverServer = TokensBench.await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"))
          .requestHandler(receiver::handle).listen(0));
      String hookUrl = "http://127.0.0.1:" + receiverServer.actualPort() + "/hooks/spgate";

      Map<String, String> env = GatewayFleet.settings(credentials, databases.create(), redis, logs);
      env.put("SPGATE_NOTIFICATIONS_QUEUE_URL", queueUrl);
      env.put("SPGATE_ORDERS_POLL_EVERY", pollEvery);
      // The receiver is on this machine, which production refuses.
      env.put("SPGATE_WEBHOOKS_ALLOW_PRIVATE", "true");
      GatewayFleet fleet = GatewayFleet.start(instances, gatewayHeap, env, logs, components, web);
      String adminKey = fleet.adminKey;
      List<Integer> ports = fleet.ports;
      GatewayApi api = new GatewayApi(vertx, web, ports);

      // Set-up (not timed): a tenant, its key, its sellers, its webhook endpoint; each seller's notifications and orders.
      long setupStart = System.nanoTime();
      String tenant = ProxyBench.created(api.send("POST", 0, "/v1/tenants", adminKey,
          new JsonObject().put("name", "Orders bench").toBuffer(), null), "tenant").getString("id");
      String tenantKey = ProxyBench.created(api.send("POST", 0, "/v1/tenants/" + tenant + "/keys", adminKey,
          new JsonObject().put("name", "orders bench").put("scopes", new JsonArray().add("tenant:read").add("tenant:write")).toBuffer(),
          null), "API key").getString("key");
      int shared = api.send("PUT", 0, "/v1/applications/main/tenants/" + tenant, adminKey, null, null).statusCode();
      if (shared != 204) {
        throw new IllegalStateException("sharing application main with the bench's tenant answered " + shared);
      }
      JsonObject endpoint = ProxyBench.created(TokensBench.await(api.call("POST", 0, "/v1/webhooks", tenantKey,
          new JsonObject().put("url", hookUrl).put("eventTypes", new JsonArray(ORDER_EVENTS)).toBuffer(), null,
          Map.of("Idempotency-Key", UUID.randomUUID().toString()))), "webhook endpoint");
      receiver.secret = endpoint.getString("secret");
      List<JsonObject> sellers = new ArrayList<>();
      for (int i = 0; i < simSellers.size(); i++) {
        sellers.add(simSellers.getJsonObject(i));
      }
      Map<String, String> sellerIds = new HashMap<>(); // Amazon's selling partner id → the gateway's seller id
      TokensBench.await(api.each(sellers, (seller, n) -> api.call("POST", n, "/v1/sellers?tenantId=" + tenant, adminKey,
          new JsonObject().put("sellingPartnerId", seller.getString("sellerId")).put("application", "main")
              .put("marketplaceIds", seller.getJsonArray("marketplaceIds")).put("refreshToken", seller.getString("refreshToken"))
              .toBuffer(), null).map(response -> {
                String id = ProxyBench.created(response, "seller " + seller.getString("sellerId")).getString("id");
                synchronized (sellerIds) {
                  sellerIds.put(seller.getString("sellerId"), id);
                }
                return null;
              })));
      double registeredS = seconds(setupStart);
      // Amazon's destination is made once for the application: the first seller's set-up makes it, the others find it.
      List<String> ids = sellers.stream().map(s -> sellerIds.get(s.getString("sellerId"))).toList();
      expect(api.send("POST", 0, "/v1/sellers/" + ids.get(0) + "/notifications", tenantKey,
          new JsonObject().put("types", new JsonArray().add("ORDER_CHANGE")).toBuffer(), null), 200, "notifications of the first seller");
      TokensBench.await(api.each(ids.subList(1, ids.size()), (id, n) -> api.call("POST", n, "/v1/sellers/" + id + "/notifications",
          tenantKey, new JsonObject().put("types", new JsonArray().add("ORDER_CHANGE")).toBuffer(), null)
          .map(response -> expect(response, 200, "notifications of seller " + id))));
      double subscribedS = seconds(setupStart);
      TokensBench.await(api.each(ids, (id, n) -> api.call("POST", n, "/v1/sellers/" + id + "/orders/sync", tenantKey, null, null)
          .map(response -> expect(response, 202, "orders/sync of seller " + id))));
      double syncedS = seconds(setupStart);
      System.out.printf(Locale.ROOT, "set-up: %d sellers registered at %.1f s, subscribed to ORDER_CHANGE at %.1f s, their orders kept "
          + "from %.1f s%n", ids.size(), registeredS, subscribedS, syncedS);

      // The activity: buyers for the set time, then frozen, so the ground truth ends.
      JsonObject statsBefore = SimulatorStats.read(web, simulator);
      Instant activityStart = Instant.now();
      expect(TokensBench.await(web.post(simulator.getPort(), "127.0.0.1", "/_sim/orders/activity")
          .sendJsonObject(new JsonObject().put("ratePerSecond", orderRate))), 200, "starting the simulator's buyers");
      Thread.sleep(TimeUnit.SECONDS.toMillis(placingS)); // the workload's length, not a wait for a condition
      JsonObject frozen = TokensBench.await(web.post(simulator.getPort(), "127.0.0.1", "/_sim/orders/activity")
          .sendJsonObject(new JsonObject().put("freeze", true))).bodyAsJsonObject();
      Instant activityEnd = Instant.now();
      List<Change> truth = changes(web, simulator);
      Map<String, Change> last = new LinkedHashMap<>();
      truth.forEach(c -> last.put(c.orderId(), c));
      Instant lastChange = truth.isEmpty() ? activityEnd : truth.get(truth.size() - 1).changedAt();
      System.out.printf(Locale.ROOT, "activity: %d orders placed, %d changes in %.0f s; waiting for the receiver to see every order's "
          + "last state%n", frozen.getLong("placed"), truth.size(), Duration.between(activityStart, activityEnd).toMillis() / 1000.0);

      // Until the receiver has every order's last state, or the deadline: a dropped last change is found by a poll
      // (after Amazon's 2 minutes and up to one interval), so the deadline is past that with room.
      try {
        receiver.whenArrived(last.values()).get(maxWaitS, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        // reported below: how many last states never arrived
      }
      int missingAtReceiver = receiver.missing(last.values());
      double caughtUpS = Duration.between(activityEnd, Instant.now()).toMillis() / 1000.0;
      // The figures are read now: a delivery still on its way (a retry, a duplicate) is not counted.
      JsonObject statsAfter = SimulatorStats.read(web, simulator);

      // ---- the gateway's side ----
      List<JsonObject> stored = pages(api, tenantKey, "/v1/orders?limit=500", "nextCursor", "cursor");
      List<JsonObject> events = pages(api, tenantKey, "/v1/events?limit=500&type=" + String.join(",", ORDER_EVENTS), "next", "after");
      Map<String, Integer> storedCount = new HashMap<>();
      Map<String, JsonObject> storedByOrder = new HashMap<>();
      for (JsonObject order : stored) {
        storedCount.merge(order.getString("amazonOrderId"), 1, Integer::sum);
        storedByOrder.put(order.getString("amazonOrderId"), order);
      }
      int duplicateRows = storedCount.values().stream().mapToInt(c -> c - 1).sum();
      int missing = 0;
      int stale = 0;
      for (Change change : last.values()) {
        JsonObject order = storedByOrder.get(change.orderId());
        if (order == null) {
          missing++;
        } else if (Instant.parse(order.getString("lastUpdatedAt")).isBefore(change.lastUpdated())) {
          stale++;
        }
      }
      int unknown = (int) storedByOrder.keySet().stream().filter(id -> !last.containsKey(id)).count();
      int webhooksMissing = 0;
      for (JsonObject event : events) {
        if (!receiver.received(Long.parseLong(event.getString("id")))) {
          webhooksMissing++;
        }
      }

      // ---- lag: from each change to the first event at the receiver with its state or a later one ----
      List<Double> announcedLags = new ArrayList<>();
      List<Double> droppedLags = new ArrayList<>();
      List<Double> gatewayParts = new ArrayList<>(); // an announced change's lag less its notification's first copy's delay
      int neverSeen = 0;
      for (Change change : truth) {
        Instant seen = receiver.firstSeen(change.orderId(), change.lastUpdated());
        if (seen == null) {
          neverSeen++;
          continue;
        }
        double lag = Math.max(0, Duration.between(change.changedAt(), seen).toNanos() / 1e9);
        if (change.notification().equals("sent")) {
          announcedLags.add(lag);
          gatewayParts.add(lag - change.firstCopyDelayMillis() / 1000.0);
        } else {
          droppedLags.add(lag);
        }
      }
      long announced = truth.stream().filter(c -> c.notification().equals("sent")).count();
      long dropped = truth.stream().filter(c -> c.notification().equals("dropped")).count();
      long unsent = truth.size() - announced - dropped;
      double lagP99 = percentile(announcedLags, 0.99);
      double polledBoundS = SETTLING.toMillis() / 1000.0 + poll.toSeconds() + 60;

      Map<String, long[]> calls = SimulatorStats.calls(statsBefore, statsAfter);
      long throttled = calls.values().stream().mapToLong(c -> c[1]).sum();
      JsonObject notes = statsAfter.getJsonObject("notifications", new JsonObject());
      JsonObject notesBefore = statsBefore.getJsonObject("notifications", new JsonObject());

      Table table = new Table();
      table.row("work", String.format(Locale.ROOT, "%d sellers; buyers placed %d orders in %d s (%s a second), each moving on by itself "
              + "(time scale %s); %d changes", sellerCount, frozen.getLong("placed"), placingS, Flags.plain(orderRate * timeScale),
              Flags.plain(timeScale), truth.size()))
          .row("notifications (simulator)", String.format(Locale.ROOT, "%d published, %d dropped, %d extra copies, %d delayed (up to %d ms "
              + "before the scale); per change: %d sent, %d dropped, %d not due", delta(notes, notesBefore, "published"),
              delta(notes, notesBefore, "dropped"), delta(notes, notesBefore, "duplicated"), delta(notes, notesBefore, "delayed"), delayMs,
              announced, dropped, unsent))
          .row("gateways", String.format(Locale.ROOT, "%d JVMs (-Xmx%s), one Postgres database, Redis %s, one SQS queue (ElasticMQ), "
              + "SPGATE_ORDERS_POLL_EVERY=%s", instances, gatewayHeap, redis, pollEvery))
          .row("set-up, not timed (s)", String.format(Locale.ROOT, "%.1f: register %.1f, notifications %.1f, orders/sync %.1f", syncedS,
              registeredS, subscribedS - registeredS, syncedS - subscribedS))
          .row("receiver had every last state (s after the freeze)", missingAtReceiver == 0
              ? String.format(Locale.ROOT, "%.1f", caughtUpS)
              : String.format(Locale.ROOT, "not after %.1f: %d orders' last state never arrived", caughtUpS, missingAtReceiver))
          .row("orders N (simulator) / stored S (gateway)", last.size() + " / " + storedByOrder.size()
              + (unknown > 0 ? " (" + unknown + " not in the simulator's log)" : ""))
          .row("duplicates D (rows beyond one per order)", duplicateRows)
          .row("missing M (orders not stored)", missing)
          .row("stale X (stored state older than the last change)", stale)
          .row("events written (order.*) / at the receiver (distinct) / deliveries received", events.size() + " / " + receiver.distinct()
              + " / " + receiver.deliveries())
          .row("webhooks_missing W (events never received)", webhooksMissing)
          .row("receiver: bad signatures / out of order per order", receiver.badSignatures() + " / " + receiver.outOfOrder())
          .row("lag, announced changes (s): p50 / p99 / max", String.format(Locale.ROOT, "%s (%d changes)", spread(announcedLags),
              announcedLags.size()))
          .row("  of which the gateway's (lag less the first copy's delay in the simulator): p50 / p99 / max", spread(gatewayParts))
          .row("  goal: one notification delivery + one getOrder slot (s)", String.format(Locale.ROOT, "%.2f + %.2f = %.2f",
              notificationBoundS, slotS, lagGoalS))
          .row("lag, changes whose notification was dropped (s): p50 / p99 / max", String.format(Locale.ROOT, "%s (%d changes; found by "
              + "a later notification of the order or by a poll: bound %.0f s = 2 min 5 s settling + %s + 60)", spread(droppedLags),
              droppedLags.size(), polledBoundS, pollEvery))
          .row("changes never seen at the receiver", neverSeen)
          .row("SP-API calls (2xx / 429 / other)", SimulatorStats.describe(calls))
          .row("throttled (simulator's 429s)", throttled);
      table.print("orders: " + last.size() + " orders of " + sellerCount + " sellers through " + instances + " gateway instances");

      boolean met = duplicateRows == 0 && missing == 0 && stale == 0 && webhooksMissing == 0 && lagP99 <= lagGoalS
          && receiver.badSignatures() == 0 && receiver.outOfOrder() == 0 && neverSeen == 0;
      System.out.printf(Locale.ROOT, "RESULT orders=%d stored=%d duplicates=%d missing=%d stale=%d lag_p99_s=%.2f webhooks_missing=%d%n",
          last.size(), storedByOrder.size(), duplicateRows, missing, stale, lagP99, webhooksMissing);
      return met;
    } finally {
      if (receiverServer != null) {
        receiverServer.close();
      }
      for (int i = components.size() - 1; i >= 0; i--) {
        components.get(i).close();
      }
      databases.close();
      vertx.close();
    }
  }

  /** The simulator's SQS server makes the queue (as an operator would on Amazon) and answers its URL. */
  private static String createQueue(WebClient web, int port, String name) {
    HttpResponse<Buffer> answer = TokensBench.await(web.post(port, "127.0.0.1", "/")
        .putHeader("Content-Type", "application/x-www-form-urlencoded")
        .sendBuffer(Buffer.buffer("Action=CreateQueue&Version=2012-11-05&QueueName=" + URLEncoder.encode(name, StandardCharsets.UTF_8))));
    String body = answer.bodyAsString();
    int start = body.indexOf("<QueueUrl>");
    int end = body.indexOf("</QueueUrl>");
    if (answer.statusCode() != 200 || start < 0 || end < start) {
      throw new IllegalStateException("CreateQueue answered " + answer.statusCode() + " " + body);
    }
    return body.substring(start + "<QueueUrl>".length(), end);
  }

  /** Every change the simulator logged, in order. */
  private static List<Change> changes(WebClient web, URI simulator) {
    List<Change> changes = new ArrayList<>();
    String cursor = "";
    boolean more = true;
    while (more) {
      JsonObject page = TokensBench.await(web.get(simulator.getPort(), "127.0.0.1", "/_sim/orders/changes?limit=10000&cursor=" + cursor)
          .send()).bodyAsJsonObject();
      page.getJsonArray("changes").forEach(c -> changes.add(Change.of((JsonObject) c)));
      cursor = page.getString("cursor");
      more = page.getBoolean("hasMore");
    }
    return changes;
  }

  /** Every item of a paged list of the API, following its cursor. */
  private static List<JsonObject> pages(GatewayApi api, String key, String first, String nextField, String cursorParam) {
    List<JsonObject> items = new ArrayList<>();
    String uri = first;
    while (uri != null) {
      HttpResponse<Buffer> response = api.send("GET", 0, uri, key, null, null);
      JsonObject page = expect(response, 200, "GET " + uri).bodyAsJsonObject();
      page.getJsonArray("items").forEach(i -> items.add((JsonObject) i));
      String next = page.getString(nextField);
      boolean more = page.containsKey("hasMore") ? page.getBoolean("hasMore") : next != null;
      uri = more && next != null ? first + "&" + cursorParam + "=" + URLEncoder.encode(next, StandardCharsets.UTF_8) : null;
    }
    return items;
  }

  private static HttpResponse<Buffer> expect(HttpResponse<Buffer> response, int status, String what) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(what + " answered " + response.statusCode() + " " + response.bodyAsString());
    }
    return response;
  }

  private static long delta(JsonObject after, JsonObject before, String field) {
    return after.getLong(field, 0L) - before.getLong(field, 0L);
  }

  private static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
  }

  private static String spread(List<Double> values) {
    if (values.isEmpty()) {
      return "none";
    }
    return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", percentile(values, 0.5), percentile(values, 0.99),
        values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static Duration duration(String flag, String raw) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(s|m|h)").matcher(raw);
    if (!m.matches()) {
      throw new IllegalArgumentException("--" + flag + " must be a duration such as 180s or 3m, got '" + raw + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
  }
}
