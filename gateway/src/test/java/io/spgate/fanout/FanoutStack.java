package io.spgate.fanout;

import static io.spgate.TestPostgres.await;

import io.spgate.Eventually;
import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the fan-out ITs run against: the simulator, a database of their own and one or two gateways
 * on it, the simulator's sellers under one tenant, and their listings read back through the
 * gateway's pass-through (searchListingsItems), as a tenant would find its SKUs.
 */
final class FanoutStack implements AutoCloseable {

  /** A listing as searchListingsItems shows it, with its price then. */
  record Sku(String sku, String asin, boolean fba, BigDecimal price) {

    /** The listing's price times {@code factor}, in whole units (a valid price in every currency, JPY included). */
    String priceTimes(double factor) {
      return price.multiply(BigDecimal.valueOf(factor)).setScale(0, RoundingMode.HALF_UP).max(BigDecimal.ONE).toPlainString();
    }
  }

  final SimulatedAmazon amazon;
  final TestPostgres postgres;
  final List<Seller> sellers;
  final String tenant;
  private final Map<String, String> settings;
  private final List<TestGateway> gateways = new ArrayList<>();
  private Pool database;

  private FanoutStack(SimulatedAmazon amazon, TestPostgres postgres, Map<String, String> settings) {
    this.amazon = amazon;
    this.postgres = postgres;
    this.settings = settings;
    gateways.add(TestGateway.start(amazon.gatewaySettings(postgres, settings)));
    this.sellers = amazon.registerSellers(gateways.get(0), "Fan-out " + UUID.randomUUID());
    this.tenant = sellers.get(0).tenantId().toString();
  }

  static FanoutStack start(SimulatorOptions options, Map<String, String> settings) {
    return new FanoutStack(SimulatedAmazon.start(options), TestPostgres.create(), settings);
  }

  TestGateway gateway() {
    return gateways.get(gateways.size() - 1);
  }

  /** Another instance on the same database and Redis-less in-process stores. */
  TestGateway startAnother() {
    return startAnother(Map.of());
  }

  /** Another instance on the same database, with the stack's settings and {@code more} (its ports, say). */
  TestGateway startAnother(Map<String, String> more) {
    Map<String, String> own = new HashMap<>(settings);
    own.putAll(more);
    TestGateway another = TestGateway.start(amazon.gatewaySettings(postgres, own));
    gateways.add(another);
    return another;
  }

  void stop(TestGateway gateway) {
    gateway.close();
    gateways.remove(gateway);
  }

  static String channel(Seller seller) {
    return seller.id() + "." + seller.marketplaces().get(0);
  }

  /** The seller's listings on its first marketplace, every page. */
  List<Sku> skus(Seller seller) {
    List<Sku> skus = new ArrayList<>();
    String pageToken = null;
    do {
      HttpRequest<Buffer> search = gateway().client.get("/v1/sellers/" + seller.id() + "/sp-api/listings/2021-08-01/items/"
              + seller.sellingPartnerId())
          .addQueryParam("marketplaceIds", seller.marketplaces().get(0)).addQueryParam("pageSize", "20")
          .addQueryParam("includedData", "summaries,offers,fulfillmentAvailability");
      if (pageToken != null) {
        search.addQueryParam("pageToken", pageToken);
      }
      JsonObject page = send(search).bodyAsJsonObject();
      for (Object o : page.getJsonArray("items", new JsonArray())) {
        JsonObject item = (JsonObject) o;
        String asin = item.getJsonArray("summaries").getJsonObject(0).getString("asin");
        String channelCode = item.getJsonArray("fulfillmentAvailability", new JsonArray()).isEmpty() ? "DEFAULT"
            : item.getJsonArray("fulfillmentAvailability").getJsonObject(0).getString("fulfillmentChannelCode", "DEFAULT");
        BigDecimal price = new BigDecimal(item.getJsonArray("offers").getJsonObject(0).getJsonObject("price").getString("amount"));
        skus.add(new Sku(item.getString("sku"), asin, channelCode.startsWith("AMAZON"), price));
      }
      pageToken = page.getJsonObject("pagination", new JsonObject()).getString("nextToken");
    } while (pageToken != null);
    return skus;
  }

  /** Imports mappings for the SKUs (CSV): MFN or FBA as the listing is, with the given extra columns. */
  JsonObject importMappings(Seller seller, List<Sku> skus, String guardrailColumns, String guardrails) {
    StringBuilder csv = new StringBuilder("sku,asin,fulfillment" + (guardrailColumns.isEmpty() ? "" : "," + guardrailColumns) + "\n");
    for (Sku sku : skus) {
      csv.append(sku.sku()).append(',').append(sku.asin()).append(',').append(sku.fba() ? "FBA" : "MFN")
          .append(guardrails.isEmpty() ? "" : "," + guardrails).append('\n');
    }
    HttpResponse<Buffer> answer = send(gateway().client.post("/v1/channels/" + channel(seller) + "/mappings/import")
        .putHeader("Content-Type", "text/csv"), Buffer.buffer(csv.toString()));
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("import answered " + answer.statusCode() + ": " + answer.bodyAsString());
    }
    return answer.bodyAsJsonObject();
  }

  /** Sets one mapping's guardrails (PUT), as the console's edit does. */
  void guardrails(Seller seller, Sku sku, JsonObject guardrails) {
    HttpResponse<Buffer> answer = send(gateway().client.put("/v1/channels/" + channel(seller) + "/mappings/"
            + java.net.URLEncoder.encode(sku.sku(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))
        .putHeader("Content-Type", "application/json"), new JsonObject().put("asin", sku.asin()).put("fulfillment", sku.fba() ? "FBA" : "MFN")
        .put("guardrails", guardrails).toBuffer());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("PUT mapping answered " + answer.statusCode() + ": " + answer.bodyAsString());
    }
  }

  HttpResponse<Buffer> updates(String key, JsonArray items) {
    HttpRequest<Buffer> post = gateway().client.post("/v1/updates").putHeader("Content-Type", "application/json");
    if (key != null) {
      post.putHeader("Idempotency-Key", key);
    }
    return send(post, items.toBuffer());
  }

  JsonObject job(String jobId) {
    return send(gateway().client.get("/v1/jobs/" + jobId)).bodyAsJsonObject();
  }

  /** The job once every item reached its outcome. */
  JsonObject finished(String jobId) {
    return Eventually.until(amazon.vertx, () -> job(jobId), j -> j.getString("finishedAt") != null);
  }

  /** Every item of the job, by index. */
  List<JsonObject> items(String jobId) {
    List<JsonObject> items = new ArrayList<>();
    String cursor = null;
    do {
      HttpRequest<Buffer> page = gateway().client.get("/v1/jobs/" + jobId + "/items").addQueryParam("limit", "1000");
      if (cursor != null) {
        page.addQueryParam("cursor", cursor);
      }
      JsonObject json = send(page).bodyAsJsonObject();
      json.getJsonArray("items").forEach(o -> items.add((JsonObject) o));
      cursor = json.getString("nextCursor");
    } while (cursor != null);
    return items;
  }

  /** What the simulator's listing shows now (getListingsItem through the pass-through). */
  JsonObject listing(Seller seller, String sku) {
    return send(gateway().client.get("/v1/sellers/" + seller.id() + "/sp-api/listings/2021-08-01/items/" + seller.sellingPartnerId()
            + "/" + java.net.URLEncoder.encode(sku, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))
        .addQueryParam("marketplaceIds", seller.marketplaces().get(0)).addQueryParam("includedData", "attributes"))
        .bodyAsJsonObject().getJsonObject("attributes", new JsonObject());
  }

  /** Forces an issue on the SKUs' next submissions (simulator admin API). */
  void forceIssue(Seller seller, List<String> skus, String code, String stage) {
    HttpResponse<Buffer> answer = await(WebClient.create(amazon.vertx).post(amazon.simulator.port(), "127.0.0.1",
            "/_sim/sellers/" + seller.sellingPartnerId() + "/listing-issues")
        .sendJsonObject(new JsonObject().put("skus", new JsonArray(skus)).put("code", code).put("message", "Forced " + code)
            .put("severity", "ERROR").put("stage", stage)));
    if (answer.statusCode() / 100 != 2) {
      throw new IllegalStateException("forcing issues answered " + answer.statusCode() + ": " + answer.bodyAsString());
    }
  }

  /** A number the database holds, for checks of what the workers recorded. */
  long count(String sql) {
    if (database == null) {
      database = PgBuilder.pool().connectingTo(postgres.url().toString()).using(amazon.vertx).build();
    }
    return await(database.query(sql).execute().map(rows -> rows.iterator().next().getLong(0)));
  }

  HttpResponse<Buffer> send(HttpRequest<Buffer> request) {
    return await(asAdmin(request).send());
  }

  HttpResponse<Buffer> send(HttpRequest<Buffer> request, Buffer body) {
    return await(asAdmin(request).sendBuffer(body));
  }

  private HttpRequest<Buffer> asAdmin(HttpRequest<Buffer> request) {
    if (request.queryParams().get("tenantId") == null) {
      request.addQueryParam("tenantId", tenant);
    }
    return request.putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY);
  }

  static Map<String, String> settings(String... pairs) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  @Override
  public void close() {
    gateways.forEach(TestGateway::close);
    if (database != null) {
      await(database.close());
    }
    postgres.close();
    amazon.close();
  }
}
