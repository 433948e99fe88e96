package io.spgate.reports;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.Eventually;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.spgate.spapi.SpApiClient;
import io.spgate.spapi.SpApiRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Report jobs against the simulator: requested, followed to their end, reused, refused, resumed after a restart, scheduled. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportJobsIT {

  private static final String LISTINGS = "GET_MERCHANT_LISTINGS_ALL_DATA";
  private static final String ORDERS = "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL";
  private static final String US = "ATVPDKIKX0DER";

  private ReportsStack stack;
  private List<Seller> sellers;

  @BeforeAll
  void start() {
    stack = ReportsStack.start(new SimulatorOptions().sellers(24).reportDelays(4_000, 500));
    sellers = stack.sellers.stream().filter(s -> s.marketplaces().contains(US)).toList();
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void should_request_a_report_follow_it_to_done_and_reuse_it() {
    Seller seller = sellers.get(0);
    HttpResponse<Buffer> requested = stack.request(seller, new JsonObject().put("reportType", LISTINGS).put("marketplaceIds", List.of(US)));
    assertThat(requested.statusCode()).as(requested.bodyAsString()).isEqualTo(202);
    JsonObject job = requested.bodyAsJsonObject();
    assertThat(job.getString("status")).isEqualTo("REQUESTED");

    JsonObject done = stack.job(job.getString("id"), j -> j.getString("status").equals("DONE"));
    HttpResponse<Buffer> reused = stack.request(seller, new JsonObject().put("reportType", LISTINGS).put("marketplaceIds", List.of(US))
        .put("reuseWithin", "PT1H"));
    HttpResponse<Buffer> otherTenant = stack.send(stack.gateway().client.get("/v1/reports/" + job.getString("id"))
        .addQueryParam("tenantId", stack.amazon.createTenant(stack.gateway(), "Nosy " + UUID.randomUUID())));

    assertThat(done.getString("reportId")).isNotBlank();
    assertThat(done.getString("reportDocumentId")).isNotBlank();
    assertThat(done.getInteger("polls")).isPositive();
    assertThat(reused.statusCode()).as(reused.bodyAsString()).isEqualTo(200);
    assertThat(reused.bodyAsJsonObject().getBoolean("reused")).isTrue();
    assertThat(reused.bodyAsJsonObject().getString("status")).isEqualTo("DONE");
    assertThat(reused.bodyAsJsonObject().getString("reportId")).isEqualTo(done.getString("reportId"));
    assertThat(createReports(seller)).isOne();
    assertThat(otherTenant.statusCode()).isEqualTo(404);
    // Each job that became DONE, the reused one too, says so once in the tenant's events.
    JsonArray ready = stack.send(stack.gateway().client.get("/v1/events").addQueryParam("type", "report.ready")
        .addQueryParam("limit", "500")).bodyAsJsonObject().getJsonArray("items");
    List<String> readyJobs = ready.stream().map(e -> ((JsonObject) e).getString("resourceId")).toList();
    assertThat(readyJobs).containsOnlyOnce(job.getString("id"), reused.bodyAsJsonObject().getString("id"));
  }

  @Test
  void should_go_on_polling_after_a_restart_without_creating_the_report_again() {
    Seller seller = sellers.get(1);
    JsonObject job = stack.request(seller, new JsonObject().put("reportType", ORDERS).put("marketplaceIds", List.of(US))
        .put("dataStartTime", Instant.now().minus(Duration.ofDays(60)).toString())).bodyAsJsonObject();
    stack.job(job.getString("id"), j -> j.getString("reportId") != null);
    long created = createReports(seller);

    // The instance that created the report stops; another, on the same database, takes the job over.
    stack.restartGateway();
    JsonObject ended = stack.ended(job.getString("id"));

    assertThat(created).isOne();
    assertThat(ended.getString("status")).as(ended.encode()).isIn("DONE", "CANCELLED");
    assertThat(createReports(seller)).isOne();
  }

  @Test
  void should_adopt_the_report_a_crashed_instance_created_before_it_could_say_so() {
    Seller seller = sellers.get(2);
    // As if an instance sent createReport and died before storing the report id: Amazon has the report, the job only the intent.
    SpApiClient spApi = stack.gateway().gateway.services().spApi();
    String made = await(spApi.call(seller, SpApiRequest.post("/reports/2021-06-30/reports",
        new JsonObject().put("reportType", LISTINGS).put("marketplaceIds", new JsonArray().add(US))), spApi.defaults(),
        r -> r.json().getString("reportId")));
    var pool = stack.postgres.pool(stack.amazon.vertx, 1);
    UUID jobId = UUID.randomUUID();
    await(pool.preparedQuery("INSERT INTO report_jobs (id, tenant_id, seller_id, report_type, marketplaces, status, create_requested_at)"
        + " VALUES ($1, $2, $3, $4, $5, 'REQUESTED', now() - interval '5 seconds')")
        .execute(io.vertx.sqlclient.Tuple.of(jobId, seller.tenantId(), seller.id(), LISTINGS, new String[] {US})));
    await(pool.close());

    JsonObject adopted = stack.job(jobId.toString(), j -> j.getString("reportId") != null);

    assertThat(adopted.getString("reportId")).isEqualTo(made);
    assertThat(createReports(seller)).isOne();
  }

  @Test
  void should_cancel_a_report_while_amazon_has_it_in_its_queue() {
    Seller seller = sellers.get(3);
    JsonObject job = stack.request(seller, new JsonObject().put("reportType", LISTINGS).put("marketplaceIds", List.of(US))).bodyAsJsonObject();
    stack.job(job.getString("id"), j -> j.getString("reportId") != null);

    HttpResponse<Buffer> cancelled = stack.send(stack.gateway().client.post("/v1/reports/" + job.getString("id") + "/cancel"));
    HttpResponse<Buffer> again = stack.send(stack.gateway().client.post("/v1/reports/" + job.getString("id") + "/cancel"));

    assertThat(cancelled.statusCode()).as(cancelled.bodyAsString()).isEqualTo(200);
    assertThat(cancelled.bodyAsJsonObject().getString("status")).isEqualTo("CANCELLED");
    assertThat(cancelled.bodyAsJsonObject().getJsonObject("problem").getString("code")).isEqualTo("cancelled_by_caller");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(stack.amazon.simulator.stats().count(sellerId(seller), "cancelReport", "2xx")).isOne();
  }

  @Test
  void should_refuse_an_fba_report_asked_for_again_within_amazons_window() {
    Seller seller = sellers.get(4);
    JsonObject fba = new JsonObject().put("reportType", "GET_AFN_INVENTORY_DATA").put("marketplaceIds", List.of(US));
    HttpResponse<Buffer> first = stack.request(seller, fba);
    HttpResponse<Buffer> second = stack.request(seller, fba);

    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(202);
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(second.bodyAsJsonObject().getString("code")).isEqualTo("report_too_frequent");
    assertThat(Long.parseLong(second.getHeader("Retry-After"))).isBetween(1700L, 1800L);
  }

  @Test
  void should_say_why_a_report_ended_without_a_document() {
    Seller seller = sellers.get(5);
    JsonObject noOrders = stack.request(seller, new JsonObject().put("reportType", ORDERS).put("marketplaceIds", List.of(US))
        .put("dataStartTime", "2020-01-01T00:00:00Z").put("dataEndTime", "2020-01-02T00:00:00Z")).bodyAsJsonObject();
    JsonObject fatal = stack.request(seller, new JsonObject().put("reportType", LISTINGS).put("marketplaceIds", List.of(US))
        .put("reportOptions", new JsonObject().put("simulatorOutcome", "FATAL"))).bodyAsJsonObject();

    JsonObject cancelled = stack.ended(noOrders.getString("id"));
    JsonObject failed = stack.ended(fatal.getString("id"));

    assertThat(cancelled.getString("status")).isEqualTo("CANCELLED");
    assertThat(cancelled.getJsonObject("problem").getString("code")).isEqualTo("report_no_data");
    assertThat(failed.getString("status")).isEqualTo("FATAL");
    assertThat(failed.getJsonObject("problem").getString("code")).isEqualTo("report_fatal");
    assertThat(failed.getString("reportDocumentId")).isNotBlank();
  }

  @Test
  void should_run_a_schedule_at_once_and_keep_its_latest_done_report_at_hand() {
    Seller seller = sellers.get(6);
    HttpResponse<Buffer> created = stack.send(stack.gateway().client.post("/v1/sellers/" + seller.id() + "/report-schedules"),
        new JsonObject().put("reportType", LISTINGS).put("marketplaceIds", List.of(US)).put("period", "PT6H"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String schedule = created.bodyAsJsonObject().getString("id");

    JsonObject withDone = schedule(schedule, s -> s.getJsonObject("latestDone") != null);
    HttpResponse<Buffer> tooOften = stack.send(stack.gateway().client.post("/v1/sellers/" + seller.id() + "/report-schedules"),
        new JsonObject().put("reportType", LISTINGS).put("marketplaceIds", List.of(US)).put("period", "PT1M"));

    assertThat(withDone.getJsonObject("latestDone").getString("scheduleId")).isEqualTo(schedule);
    assertThat(Instant.parse(withDone.getString("nextRunAt"))).isAfter(Instant.now().plus(Duration.ofHours(5)));
    assertThat(tooOften.statusCode()).isEqualTo(400);
  }

  @Test
  void should_list_settlements_amazon_made_and_refuse_to_request_one() {
    Seller seller = sellers.get(7);
    HttpResponse<Buffer> asked = stack.request(seller, new JsonObject().put("reportType", "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE")
        .put("marketplaceIds", List.of(US)));
    HttpResponse<Buffer> listed = stack.send(stack.gateway().client.get("/v1/sellers/" + seller.id() + "/amazon-reports")
        .addQueryParam("reportTypes", "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE"));

    assertThat(asked.statusCode()).isEqualTo(400);
    assertThat(asked.bodyAsJsonObject().getString("code")).isEqualTo("report_type_not_requestable");
    assertThat(listed.statusCode()).as(listed.bodyAsString()).isEqualTo(200);
    assertThat(listed.bodyAsJsonObject().getJsonArray("items")).isNotEmpty()
        .allSatisfy(r -> assertThat(((JsonObject) r).getString("processingStatus")).isEqualTo("DONE"));
  }

  private JsonObject schedule(String scheduleId, Predicate<JsonObject> reached) {
    return Eventually.until(stack.amazon.vertx, () -> stack.send(stack.gateway().client.get("/v1/report-schedules/" + scheduleId))
        .bodyAsJsonObject(), reached);
  }

  private long createReports(Seller seller) {
    return stack.amazon.simulator.stats().count(sellerId(seller), "createReport", "2xx");
  }

  private static String sellerId(Seller seller) {
    return seller.sellingPartnerId();
  }
}
