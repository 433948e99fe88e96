package io.spgate.channels;

import static io.spgate.TestPostgres.await;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the channel ITs run against: the simulator, a database of their own and a gateway, the
 * simulator's sellers registered under one tenant, and a second tenant with a key of its own.
 * Calls are the first tenant's own key's unless a test says otherwise.
 */
final class ChannelsStack implements AutoCloseable {

  final SimulatedAmazon amazon;
  final TestPostgres postgres;
  final TestGateway gateway;
  final List<Seller> sellers;
  final String tenant;
  final String key;
  final String otherTenant;
  final String otherKey;

  private ChannelsStack(SimulatedAmazon amazon, TestPostgres postgres, TestGateway gateway, List<Seller> sellers) {
    this.amazon = amazon;
    this.postgres = postgres;
    this.gateway = gateway;
    this.sellers = sellers;
    this.tenant = sellers.get(0).tenantId().toString();
    this.key = key(tenant);
    this.otherTenant = amazon.createTenant(gateway, "Other " + UUID.randomUUID());
    this.otherKey = key(otherTenant);
  }

  static ChannelsStack start(SimulatorOptions options, Map<String, String> settings) {
    SimulatedAmazon amazon = SimulatedAmazon.start(options);
    TestPostgres postgres = TestPostgres.create();
    TestGateway gateway = TestGateway.start(amazon.gatewaySettings(postgres, settings));
    return new ChannelsStack(amazon, postgres, gateway, amazon.registerSellers(gateway, "Channels " + UUID.randomUUID()));
  }

  /** The channel of the seller on its first marketplace. */
  static String channelId(Seller seller) {
    return seller.id() + "." + seller.marketplaces().get(0);
  }

  /** Registers a seller of the tenant on marketplaces of the caller's choosing (no call reaches Amazon). */
  Seller registerSeller(String sellingPartnerId, String region, String... marketplaceIds) {
    HttpResponse<Buffer> created = send(gateway.client.post("/v1/sellers"), new JsonObject().put("sellingPartnerId", sellingPartnerId)
        .put("marketplaceIds", new JsonArray(List.of((Object[]) marketplaceIds))).put("region", region)
        .put("refreshToken", "Atzr|not-used-" + UUID.randomUUID()));
    if (created.statusCode() != 201) {
      throw new IllegalStateException("registering " + sellingPartnerId + " answered " + created.bodyAsString());
    }
    return await(gateway.gateway.services().sellers().byId(UUID.fromString(created.bodyAsJsonObject().getString("id")))).orElseThrow();
  }

  HttpResponse<Buffer> send(HttpRequest<Buffer> request) {
    return await(as(key, request).send());
  }

  HttpResponse<Buffer> send(HttpRequest<Buffer> request, JsonObject body) {
    return await(as(key, request).sendJsonObject(body));
  }

  /** Sends a body of the given type as the tenant. */
  HttpResponse<Buffer> send(HttpRequest<Buffer> request, String contentType, Buffer body) {
    return await(as(key, request).putHeader("Content-Type", contentType).sendBuffer(body));
  }

  /** Sends as the other tenant, with a JSON object or a buffer as the body, or none. */
  HttpResponse<Buffer> asOther(HttpRequest<Buffer> request, Object body) {
    HttpRequest<Buffer> sent = as(otherKey, request);
    return await(body instanceof JsonObject json ? sent.sendJsonObject(json) : body instanceof Buffer buffer ? sent.sendBuffer(buffer)
        : sent.send());
  }

  HttpResponse<Buffer> importMappings(String channelId, String contentType, String body) {
    return send(gateway.client.post("/v1/channels/" + channelId + "/mappings/import"), contentType, Buffer.buffer(body));
  }

  JsonObject channel(String channelId) {
    return send(gateway.client.get("/v1/channels/" + channelId)).bodyAsJsonObject();
  }

  static HttpRequest<Buffer> as(String key, HttpRequest<Buffer> request) {
    return request.putHeader("Authorization", "Bearer " + key);
  }

  private String key(String tenantId) {
    return await(gateway.client.post("/v1/tenants/" + tenantId + "/keys").putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY)
        .sendJsonObject(new JsonObject().put("scopes", new JsonArray().add("tenant:read").add("tenant:write"))))
        .bodyAsJsonObject().getString("key");
  }

  @Override
  public void close() {
    gateway.close();
    postgres.close();
    amazon.close();
  }
}
