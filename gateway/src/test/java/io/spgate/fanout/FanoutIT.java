package io.spgate.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.Eventually;
import io.spgate.TestGateway;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Updates end to end against the simulator: checks and guardrails at intake, idempotency, the plan,
 * patches (price before quantity, a forced failure mapped to its item), feeds (the report mapped
 * back by messageId), supersession, FBA stock never pushed, and cancellation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class FanoutIT {

  private FanoutStack stack;
  /** Seller 0 sends patches, seller 1 a feed (the planner expects feeds to take 2 s here). */
  private Seller patching;
  private Seller feeding;
  private List<FanoutStack.Sku> patchingSkus;
  private List<FanoutStack.Sku> feedingSkus;

  @BeforeAll
  void start() {
    stack = FanoutStack.start(new SimulatorOptions().port(0).sellers(3).listingsPerSeller(60).ordersPerSeller(0).feedDelays(300, 1_000),
        FanoutStack.settings("SPGATE_FEED_PROCESSING_GUESS", "2s", "SPGATE_UPDATE_LEASE", "6s"));
    patching = stack.sellers.get(0);
    feeding = stack.sellers.get(1);
    patchingSkus = stack.skus(patching);
    feedingSkus = stack.skus(feeding);
    assertThat(patchingSkus).hasSize(60);
    assertThat(stack.importMappings(patching, patchingSkus, "", "").getInteger("imported")).isEqualTo(60);
    assertThat(stack.importMappings(feeding, feedingSkus, "", "").getInteger("imported")).isEqualTo(60);
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  private static JsonObject update(Seller seller, FanoutStack.Sku sku) {
    return new JsonObject().put("channelId", FanoutStack.channel(seller)).put("sku", sku.sku());
  }

  private static JsonObject price(String amount, String currency) {
    return new JsonObject().put("amount", new BigDecimal(amount)).put("currency", currency);
  }

  private String currency(Seller seller) {
    return io.spgate.seller.Marketplace.byId(seller.marketplaces().get(0)).orElseThrow().currency();
  }

  private List<FanoutStack.Sku> mfn(List<FanoutStack.Sku> skus) {
    return skus.stream().filter(s -> !s.fba()).toList();
  }

  @Test
  void should_check_every_update_and_give_a_retried_request_the_same_job() {
    String cur = currency(patching);
    List<FanoutStack.Sku> mfn = mfn(patchingSkus);
    FanoutStack.Sku fba = patchingSkus.stream().filter(FanoutStack.Sku::fba).findFirst().orElseThrow();
    stack.guardrails(patching, mfn.get(0), new JsonObject().put("stockBuffer", 2).put("maxQuantity", 50));
    stack.guardrails(patching, mfn.get(1), new JsonObject().put("minPrice", new BigDecimal(mfn.get(1).priceTimes(0.8))));
    stack.guardrails(patching, mfn.get(2), new JsonObject().put("maxPrice", new BigDecimal(mfn.get(2).priceTimes(1.2))));
    JsonArray items = new JsonArray()
        .add(update(patching, mfn.get(0)).put("price", price(mfn.get(0).priceTimes(1.1), cur)).put("quantity", 30))
        .add(update(patching, mfn.get(1)).put("price", price(mfn.get(1).priceTimes(0.5), cur)))
        .add(update(patching, mfn.get(2)).put("price", price(mfn.get(2).priceTimes(2), cur)))
        .add(update(patching, mfn.get(3)).put("price", price("19", "JPY".equals(cur) ? "USD" : "JPY")))
        .add(update(patching, fba).put("quantity", 3))
        .add(new JsonObject().put("channelId", FanoutStack.channel(patching)).put("sku", "NOT-MAPPED").put("quantity", 1))
        .add(new JsonObject().put("channelId", UUID.randomUUID() + ".ATVPDKIKX0DER").put("sku", "X").put("quantity", 1))
        .add(update(patching, mfn.get(4)).put("quantity", -2))
        .add(update(patching, fba).put("price", price(fba.priceTimes(0.9), cur)));

    HttpResponse<Buffer> dryRun = stack.send(stack.gateway().client.post("/v1/updates").addQueryParam("dryRun", "true")
        .putHeader("Content-Type", "application/json"), items.toBuffer());
    assertThat(dryRun.statusCode()).isEqualTo(200);
    JsonObject plan = dryRun.bodyAsJsonObject();
    assertThat(plan.getInteger("accepted")).isEqualTo(2);
    assertThat(plan.getJsonObject("plan").getJsonArray("sellers")).singleElement()
        .satisfies(s -> assertThat(((JsonObject) s).getString("path")).isEqualTo("patches"));

    assertThat(stack.updates(null, items).bodyAsJsonObject().getString("code")).isEqualTo("idempotency_key_required");
    String key = UUID.randomUUID().toString();
    HttpResponse<Buffer> first = stack.updates(key, items);
    assertThat(first.statusCode()).isEqualTo(202);
    JsonObject accepted = first.bodyAsJsonObject();
    assertThat(accepted.getInteger("accepted")).isEqualTo(2);
    Map<Integer, String> codes = accepted.getJsonArray("rejected").stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(r -> r.getInteger("index"), r -> r.getString("code")));
    assertThat(codes).containsExactlyInAnyOrderEntriesOf(Map.of(1, "price_below_min", 2, "price_above_max", 3, "currency_mismatch",
        4, "fba_quantity_owned_by_amazon", 5, "mapping_missing", 6, "channel_unknown", 7, "quantity_invalid"));

    HttpResponse<Buffer> again = stack.updates(key, items);
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(again.bodyAsJsonObject().getString("jobId")).isEqualTo(accepted.getString("jobId"));
    HttpResponse<Buffer> other = stack.updates(key, new JsonArray().add(items.getJsonObject(0)));
    assertThat(other.statusCode()).isEqualTo(409);
    assertThat(other.bodyAsJsonObject().getString("code")).isEqualTo("idempotency_key_reused");

    JsonObject done = stack.finished(accepted.getString("jobId"));
    assertThat(done.getJsonObject("counts").getInteger("accepted")).isEqualTo(2);
    // The listing shows the stock after the buffer (30 - 2) and the FBA listing's price changed, never its quantity.
    JsonObject listed = stack.listing(patching, mfn.get(0).sku());
    assertThat(listed.getJsonArray("fulfillment_availability").getJsonObject(0).getInteger("quantity")).isEqualTo(28);
    JsonObject fbaListed = stack.listing(patching, fba.sku());
    assertThat(fbaListed.getJsonArray("fulfillment_availability").getJsonObject(0).getString("fulfillment_channel_code"))
        .startsWith("AMAZON");
  }

  @Test
  void should_send_patches_supersede_older_values_and_map_a_refusal_to_its_item() {
    String cur = currency(patching);
    List<FanoutStack.Sku> mfn = mfn(patchingSkus).subList(10, 16);
    stack.forceIssue(patching, List.of(mfn.get(1).sku()), "90220", "validation");
    JsonArray items = new JsonArray()
        .add(update(patching, mfn.get(0)).put("price", price(mfn.get(0).priceTimes(0.9), cur)).put("quantity", 12))
        .add(update(patching, mfn.get(0)).put("price", price(mfn.get(0).priceTimes(1.2), cur)))
        .add(update(patching, mfn.get(1)).put("price", price(mfn.get(1).priceTimes(1.2), cur)));
    for (int i = 2; i < mfn.size(); i++) {
      items.add(update(patching, mfn.get(i)).put("quantity", 7 + i));
    }

    String jobId = stack.updates(UUID.randomUUID().toString(), items).bodyAsJsonObject().getString("jobId");
    // Its events, followed from the start to the end of the stream: the last says done, with the job done.
    HttpResponse<Buffer> events = stack.send(stack.gateway().client.get("/v1/jobs/" + jobId + "/events"));
    assertThat(events.getHeader("Content-Type")).startsWith("text/event-stream");
    String stream = events.bodyAsString();
    assertThat(stream).startsWith("event: progress\n");
    String last = stream.substring(stream.lastIndexOf("event: done\ndata: ") + "event: done\ndata: ".length()).trim();
    assertThat(new JsonObject(last).getString("status")).isEqualTo("done");
    JsonObject done = stack.finished(jobId);
    // The tenant is told in its event stream too, once.
    JsonArray finished = stack.send(stack.gateway().client.get("/v1/events").addQueryParam("type", "job.finished")
        .addQueryParam("limit", "500")).bodyAsJsonObject().getJsonArray("items");
    assertThat(finished.stream().map(JsonObject.class::cast).filter(e -> e.getString("resourceId").equals(jobId)))
        .singleElement().satisfies(e -> assertThat(e.getJsonObject("data").getString("status")).isEqualTo("done"));

    List<JsonObject> byIndex = stack.items(jobId);
    // Item 0's price is overtaken by item 1's; its quantity is not, so both travel in one patch, the newest price first.
    assertThat(byIndex.get(0).getString("status")).isEqualTo("accepted");
    assertThat(byIndex.get(1).getString("status")).isEqualTo("accepted");
    assertThat(byIndex.get(0).getString("path")).isEqualTo("patch");
    JsonObject listed = stack.listing(patching, mfn.get(0).sku());
    assertThat(new BigDecimal(listed.getJsonArray("purchasable_offer").getJsonObject(0).getJsonArray("our_price").getJsonObject(0)
        .getJsonArray("schedule").getJsonObject(0).getValue("value_with_tax").toString())).isEqualByComparingTo(mfn.get(0).priceTimes(1.2));
    assertThat(listed.getJsonArray("fulfillment_availability").getJsonObject(0).getInteger("quantity")).isEqualTo(12);
    // The mapping keeps what Amazon took: the next price change is measured against it.
    HttpResponse<Buffer> mappings = stack.send(stack.gateway().client.get("/v1/channels/" + FanoutStack.channel(patching) + "/mappings")
        .addQueryParam("q", mfn.get(0).sku()));
    assertThat(mappings.statusCode()).as(mappings.bodyAsString()).isEqualTo(200);
    JsonObject mapping = mappings.bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertThat(new BigDecimal(mapping.getJsonObject("lastPrice").getValue("amount").toString()))
        .isEqualByComparingTo(mfn.get(0).priceTimes(1.2));
    assertThat(mapping.getInteger("listedQuantity")).isEqualTo(12);
    JsonObject refused = byIndex.get(2);
    assertThat(refused.getString("status")).isEqualTo("rejected");
    assertThat(refused.getJsonArray("issues").getJsonObject(0).getString("code")).isEqualTo("90220");
    assertThat(done.getJsonObject("counts").getInteger("rejected")).isEqualTo(1);
    assertThat(done.getJsonObject("counts").getInteger("accepted")).isEqualTo(items.size() - 1);
    assertThat(done.getDouble("progress")).isEqualTo(1.0);
  }

  /** A patch carried out whose answer was lost is read back from the listing, not sent a second time. */
  @Test
  void should_read_back_a_patch_whose_answer_was_lost_instead_of_sending_it_again() {
    String cur = currency(patching);
    List<FanoutStack.Sku> mfn = mfn(patchingSkus).subList(16, 18);
    long patchesBefore = stack.amazon.simulator.stats().count(patching.sellingPartnerId(), Planner.PATCH_OPERATION, "2xx");
    stack.amazon.simulator.faults().loseAnswers(Planner.PATCH_OPERATION, mfn.size());
    JsonArray items = new JsonArray();
    mfn.forEach(sku -> items.add(update(patching, sku).put("price", price(sku.priceTimes(1.15), cur))));

    String jobId = stack.updates(UUID.randomUUID().toString(), items).bodyAsJsonObject().getString("jobId");
    JsonObject done = stack.finished(jobId);

    assertThat(stack.amazon.simulator.faults().takeLostAnswer(Planner.PATCH_OPERATION)).as("every lost answer was used").isFalse();
    assertThat(done.getJsonObject("counts").getInteger("accepted")).isEqualTo(mfn.size());
    assertThat(stack.amazon.simulator.stats().count(patching.sellingPartnerId(), Planner.PATCH_OPERATION, "2xx") - patchesBefore)
        .as("patches carried out: one per SKU").isEqualTo(mfn.size());
    for (FanoutStack.Sku sku : mfn) {
      JsonObject listed = stack.listing(patching, sku.sku());
      assertThat(new BigDecimal(listed.getJsonArray("purchasable_offer").getJsonObject(0).getJsonArray("our_price").getJsonObject(0)
          .getJsonArray("schedule").getJsonObject(0).getValue("value_with_tax").toString())).isEqualByComparingTo(sku.priceTimes(1.15));
    }
  }

  @Test
  void should_send_a_backlog_as_a_feed_and_map_its_report_back_to_each_item() {
    String cur = currency(feeding);
    List<FanoutStack.Sku> mfn = mfn(feedingSkus);
    stack.forceIssue(feeding, List.of(mfn.get(3).sku()), "8541", "postAcceptance");
    JsonArray items = new JsonArray();
    for (int i = 0; i < mfn.size(); i++) {
      items.add(update(feeding, mfn.get(i)).put("price", price(mfn.get(i).priceTimes(1.3), cur)).put("quantity", i));
    }

    String jobId = stack.updates(UUID.randomUUID().toString(), items).bodyAsJsonObject().getString("jobId");
    JsonObject done = stack.finished(jobId);

    List<JsonObject> byIndex = stack.items(jobId);
    assertThat(byIndex).allSatisfy(item -> assertThat(item.getString("path")).isEqualTo("feed"));
    assertThat(byIndex.get(0).getString("feedId")).isNotNull();
    assertThat(byIndex.get(3).getString("status")).isEqualTo("rejected");
    assertThat(byIndex.get(3).getJsonArray("issues").getJsonObject(0).getString("code")).isEqualTo("8541");
    assertThat(done.getJsonObject("counts").getInteger("applied")).isEqualTo(mfn.size() - 1);
    JsonObject listed = stack.listing(feeding, mfn.get(5).sku());
    assertThat(listed.getJsonArray("fulfillment_availability").getJsonObject(0).getInteger("quantity")).isEqualTo(5);
    // The rejected message changed nothing: its quantity is not the one sent.
    JsonObject notApplied = stack.listing(feeding, mfn.get(3).sku());
    assertThat(new BigDecimal(notApplied.getJsonArray("purchasable_offer").getJsonObject(0).getJsonArray("our_price").getJsonObject(0)
        .getJsonArray("schedule").getJsonObject(0).getValue("value_with_tax").toString())).isNotEqualByComparingTo(mfn.get(3).priceTimes(1.3));
  }

  @Test
  void should_cancel_what_was_not_sent_and_let_the_rest_end() {
    String cur = currency(stack.sellers.get(2));
    Seller seller = stack.sellers.get(2);
    List<FanoutStack.Sku> skus = stack.skus(seller);
    stack.importMappings(seller, skus, "", "");
    JsonArray items = new JsonArray();
    for (FanoutStack.Sku sku : mfn(skus)) {
      items.add(update(seller, sku).put("price", price(sku.priceTimes(1.05), cur)));
    }
    String jobId = stack.updates(UUID.randomUUID().toString(), items).bodyAsJsonObject().getString("jobId");

    JsonObject cancelled = stack.send(stack.gateway().client.post("/v1/jobs/" + jobId + "/cancel")).bodyAsJsonObject();
    assertThat(cancelled.getString("status")).isEqualTo("cancelled");
    JsonObject ended = stack.finished(jobId);

    long cancelledItems = ended.getJsonObject("counts").getInteger("cancelled");
    assertThat(cancelledItems).isPositive();
    assertThat(ended.getJsonObject("counts").getInteger("pending") + ended.getJsonObject("counts").getInteger("sent")).isZero();
    assertThat(cancelledItems + ended.getJsonObject("counts").getInteger("accepted")).isEqualTo(items.size());
    // A seller deleted while its updates wait: they end cancelled, saying why, and the job ends.
    String orphaned = stack.updates(UUID.randomUUID().toString(), items).bodyAsJsonObject().getString("jobId");
    assertThat(stack.send(stack.gateway().client.delete("/v1/sellers/" + seller.id())).statusCode()).isEqualTo(204);
    JsonObject gone = stack.finished(orphaned);
    assertThat(gone.getJsonObject("counts").getInteger("pending") + gone.getJsonObject("counts").getInteger("sent")).isZero();
    assertThat(stack.items(orphaned).stream().filter(i -> "cancelled".equals(i.getString("status"))))
        .allSatisfy(i -> assertThat(i.getJsonArray("issues").getJsonObject(0).getString("code")).isEqualTo("seller_deleted"));
    // Another tenant sees nothing of it.
    String stranger = stack.amazon.createTenant(stack.gateway(), "Stranger " + UUID.randomUUID());
    assertThat(stack.send(stack.gateway().client.get("/v1/jobs/" + jobId).addQueryParam("tenantId", stranger)).statusCode())
        .isEqualTo(404);
  }
}
