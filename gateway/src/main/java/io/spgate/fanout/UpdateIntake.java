package io.spgate.fanout;

import io.spgate.channels.MappingStore;
import io.spgate.channels.SkuKey;
import io.spgate.http.ApiException;
import io.spgate.idempotency.BodyDigest;
import io.spgate.idempotency.IdempotencyProblems;
import io.spgate.seller.SellerStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a request's updates: reads the body as a stream, checks each chunk, and stores the items of
 * the chunks in the same transaction as the job, so the 202 means every accepted item is stored and
 * a failed request stores nothing. The idempotency key is claimed first in that transaction.
 */
final class UpdateIntake {

  private static final Logger LOG = LoggerFactory.getLogger(UpdateIntake.class);
  static final int MAX_ITEMS = 100_000;
  /** Rejections listed in an answer; the count says how many there were in all. */
  static final int REJECTIONS_SHOWN = 1_000;
  private static final int CHUNK = 5_000;

  private final UpdateJobStore jobs;
  private final SellerStore sellers;
  private final MappingStore mappings;
  private final Planner planner;

  UpdateIntake(UpdateJobStore jobs, SellerStore sellers, MappingStore mappings, Planner planner) {
    this.jobs = jobs;
    this.sellers = sellers;
    this.mappings = mappings;
    this.planner = planner;
  }

  /** The 202 answer: the new job, or the one the key made earlier from the same body. */
  Future<JsonObject> accept(UUID tenantId, String idempotencyKey, ReadStream<Buffer> body, BodyFormat format) {
    UUID jobId = UUID.randomUUID();
    long start = System.nanoTime();
    return jobs.pool().withTransaction(tx -> jobs.claim(tx, jobId, tenantId, idempotencyKey).compose(claimed -> {
      if (!claimed) {
        return Future.succeededFuture((JsonObject) null);
      }
      UpdateChecker checker = new UpdateChecker(tenantId, sellers, mappings);
      Tally tally = new Tally();
      Stored stored = new Stored();
      UpdateReader reader = new UpdateReader(body, format, MAX_ITEMS, CHUNK, chunk -> {
        // Checked as soon as read. Stored in the order read (a later item is a newer one): each chunk's insert is sent on
        // the transaction once the one before it was sent, not once it ended, so Postgres takes them one after the other
        // without waiting for a round trip between them.
        Future<UpdateChecker.Checked> checked = checker.check(chunk);
        Future<Future<Void>> sent = stored.lastSent.compose(v -> checked).map(c -> {
          tally.add(c);
          return c.valid().isEmpty() ? Future.<Void>succeededFuture() : jobs.insertItems(tx, jobId, c.valid()).map(stored::add);
        });
        stored.lastSent = sent.mapEmpty();
        return sent.compose(insert -> insert);
      });
      // The plan needs every item checked, not stored: it is made while the last inserts run.
      Future<Planner.Plan> planned = reader.allHanded().compose(v -> stored.lastSent)
          .compose(v -> planner.plan(checker, tally.skuCounts(), tally.itemsBySeller));
      return reader.read().compose(read -> {
        long storedAt = System.nanoTime();
        return planned.compose(plan -> {
          JsonObject answer = tally.answer().put("jobId", jobId.toString())
              .put("status", tally.accepted == 0 ? "done" : "queued");
          OffsetDateTime eta = plan.completionAt();
          return jobs.accepted(tx, jobId, read.sha256(), answer, tally.accepted, tally.rejectedCount, stored.seqs,
              plan.startOffsetsMillis(), tally.accepted == 0 ? Optional.empty() : Optional.of(eta)).map(answer);
        }).onSuccess(answer -> LOG.info("Update job {}: {} items accepted, {} refused; read, checked and stored in {} ms; planned"
            + " for {} sellers, {} ms more (then committed)", jobId, tally.accepted, tally.rejectedCount, (storedAt - start) / 1_000_000,
            tally.itemsBySeller.size(), (System.nanoTime() - storedAt) / 1_000_000));
      });
    })).compose(answer -> answer != null ? Future.succeededFuture(answer) : replay(tenantId, idempotencyKey, body, format));
  }

  /** The key made a job already: the same body gets that job's answer again, another body a 409. */
  private Future<JsonObject> replay(UUID tenantId, String key, ReadStream<Buffer> body, BodyFormat format) {
    return new UpdateReader(body, format, MAX_ITEMS, CHUNK, chunk -> Future.succeededFuture()).read()
        .compose(read -> jobs.earlier(tenantId, key).map(found -> {
          UpdateJobStore.Earlier earlier = found.orElseThrow(() -> new ApiException(IdempotencyProblems.inUse()));
          if (!BodyDigest.same(earlier.sha256(), read.sha256())) {
            throw new ApiException(IdempotencyProblems.reused());
          }
          return earlier.answer();
        }));
  }

  /** The plan for the updates, without storing anything: what ?dryRun=true answers. */
  Future<JsonObject> dryRun(UUID tenantId, ReadStream<Buffer> body, BodyFormat format) {
    UpdateChecker checker = new UpdateChecker(tenantId, sellers, mappings);
    Tally tally = new Tally();
    return new UpdateReader(body, format, MAX_ITEMS, CHUNK, chunk -> checker.check(chunk).map(checked -> {
      tally.add(checked);
      return (Void) null;
    })).read().compose(read -> planner.plan(checker, tally.skuCounts(), tally.itemsBySeller))
        .map(plan -> tally.answer().put("plan", plan.toJson()));
  }

  /** Where the chunks' inserts are: the last one sent to the transaction (the next waits for it), and the seqs stored so far. */
  private static final class Stored {
    private Future<Void> lastSent = Future.succeededFuture();
    private Optional<UpdateJobStore.SeqRange> seqs = Optional.empty();

    Void add(UpdateJobStore.SeqRange chunk) {
      seqs = Optional.of(seqs.map(chunk::including).orElse(chunk));
      return null;
    }
  }

  /** What the checked chunks added up to. */
  private static final class Tally {
    private int accepted;
    private int rejectedCount;
    private final List<Rejection> rejected = new ArrayList<>();
    /** Distinct SKUs per seller: the work the planner spreads. */
    private final Map<UUID, Set<SkuKey>> skusBySeller = new HashMap<>();
    private final Map<UUID, Integer> itemsBySeller = new HashMap<>();

    void add(UpdateChecker.Checked checked) {
      accepted += checked.valid().size();
      rejectedCount += checked.rejected().size();
      for (Rejection rejection : checked.rejected()) {
        if (rejected.size() < REJECTIONS_SHOWN) {
          rejected.add(rejection);
        }
      }
      for (ValidUpdate update : checked.valid()) {
        skusBySeller.computeIfAbsent(update.sellerId(), id -> new HashSet<>()).add(update.key());
        itemsBySeller.merge(update.sellerId(), 1, Integer::sum);
      }
    }

    Map<UUID, Integer> skuCounts() {
      Map<UUID, Integer> counts = new HashMap<>();
      skusBySeller.forEach((seller, skus) -> counts.put(seller, skus.size()));
      return counts;
    }

    JsonObject answer() {
      rejected.sort(java.util.Comparator.comparingInt(Rejection::index));
      return new JsonObject().put("accepted", accepted).put("rejectedCount", rejectedCount)
          .put("rejected", new JsonArray(rejected.stream().map(Rejection::toJson).toList()));
    }
  }
}
