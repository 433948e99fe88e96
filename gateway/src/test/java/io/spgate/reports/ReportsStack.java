package io.spgate.reports;

import static io.spgate.TestPostgres.await;

import io.spgate.Eventually;
import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * What the report ITs run against: the simulator, a database of their own and a gateway, with the
 * simulator's sellers registered under one tenant; calls are the admin's, acting for that tenant.
 */
final class ReportsStack implements AutoCloseable {

  final SimulatedAmazon amazon;
  final TestPostgres postgres;
  final List<Seller> sellers;
  final String tenant;
  private TestGateway gateway;

  private ReportsStack(SimulatedAmazon amazon, TestPostgres postgres, TestGateway gateway, List<Seller> sellers) {
    this.amazon = amazon;
    this.postgres = postgres;
    this.gateway = gateway;
    this.sellers = sellers;
    this.tenant = sellers.get(0).tenantId().toString();
  }

  static ReportsStack start(SimulatorOptions options) {
    SimulatedAmazon amazon = SimulatedAmazon.start(options);
    TestPostgres postgres = TestPostgres.create();
    TestGateway gateway = TestGateway.start(amazon.gatewaySettings(postgres, Map.of()));
    return new ReportsStack(amazon, postgres, gateway, amazon.registerSellers(gateway, "Reports " + UUID.randomUUID()));
  }

  TestGateway gateway() {
    return gateway;
  }

  /** The gateway stops and another starts on the same database: what a restart or a second instance finds. */
  void restartGateway() {
    gateway.close();
    gateway = TestGateway.start(amazon.gatewaySettings(postgres, Map.of()));
  }

  /** Sends as the admin, for the stack's tenant unless the request names another. */
  HttpResponse<Buffer> send(HttpRequest<Buffer> request) {
    return await(asAdmin(request).send());
  }

  HttpResponse<Buffer> send(HttpRequest<Buffer> request, JsonObject body) {
    return await(asAdmin(request).sendJsonObject(body));
  }

  HttpResponse<Buffer> request(Seller seller, JsonObject body) {
    return send(gateway.client.post("/v1/sellers/" + seller.id() + "/reports"), body);
  }

  JsonObject job(String jobId) {
    return send(gateway.client.get("/v1/reports/" + jobId)).bodyAsJsonObject();
  }

  /** The job once {@code reached} holds (or as it is after {@link Eventually#AT_MOST}). */
  JsonObject job(String jobId, Predicate<JsonObject> reached) {
    return Eventually.until(amazon.vertx, () -> job(jobId), reached);
  }

  /** The job once Amazon ended it, one way or another. */
  JsonObject ended(String jobId) {
    return job(jobId, j -> !ReportJob.OPEN.contains(j.getString("status")));
  }

  private HttpRequest<Buffer> asAdmin(HttpRequest<Buffer> request) {
    if (request.queryParams().get("tenantId") == null) {
      request.addQueryParam("tenantId", tenant);
    }
    return request.putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY);
  }

  @Override
  public void close() {
    gateway.close();
    postgres.close();
    amazon.close();
  }
}
