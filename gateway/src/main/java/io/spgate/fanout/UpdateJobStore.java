package io.spgate.fanout;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Update jobs and their items in Postgres; every read a tenant makes names the tenant. */
final class UpdateJobStore {

  /** A job an idempotency key already made: the body it was made from and its first answer. */
  record Earlier(byte[] sha256, JsonObject answer) {}

  /**
   * The items {@code i} of the job {@code j}, found through the primary key: they lie in the job's seq range (among any
   * another intake stored at the same time). Where {@code j} is not in the query, {@link #itemsOfJob} says the same.
   */
  static final String ITEMS_OF_J = "i.seq BETWEEN j.first_seq AND j.last_seq AND i.job_id = j.id";

  /** {@link #ITEMS_OF_J} for the job whose id is the parameter {@code param}; its range is read once, before the scan. */
  private static String itemsOfJob(String param) {
    return "i.job_id = " + param + " AND i.seq BETWEEN (SELECT first_seq FROM update_jobs WHERE id = " + param + ")"
        + " AND (SELECT last_seq FROM update_jobs WHERE id = " + param + ")";
  }

  private final Pool pool;
  private final JobEvents events;

  UpdateJobStore(Pool pool, JobEvents events) {
    this.pool = pool;
    this.events = events;
  }

  Pool pool() {
    return pool;
  }

  /**
   * Claims the key for a new job, in the intake's transaction: false when the key made a job less than
   * 24 hours ago (a concurrent request with the same key waits here until the first one ends).
   */
  Future<Boolean> claim(SqlClient tx, UUID jobId, UUID tenantId, String key) {
    return tx.preparedQuery("UPDATE update_jobs SET idempotency_key = NULL WHERE tenant_id = $1 AND idempotency_key = $2"
            + " AND created_at < now() - interval '24 hours'")
        .execute(Tuple.of(tenantId, key))
        .compose(expired -> tx.preparedQuery("INSERT INTO update_jobs (id, tenant_id, idempotency_key, body_sha256, answer, total,"
                + " rejected_at_intake, status) VALUES ($1, $2, $3, '\\x', '{}', 0, 0, 'queued') ON CONFLICT DO NOTHING")
            .execute(Tuple.of(jobId, tenantId, key)))
        .map(rows -> rows.rowCount() == 1);
  }

  Future<Optional<Earlier>> earlier(UUID tenantId, String key) {
    return pool.preparedQuery("SELECT body_sha256, answer FROM update_jobs WHERE tenant_id = $1 AND idempotency_key = $2")
        .execute(Tuple.of(tenantId, key))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(new Earlier(rows.iterator().next().getBuffer(0).getBytes(), rows.iterator().next().getJsonObject(1))));
  }

  /** The seqs a chunk of items was stored under, the first and the last. */
  record SeqRange(long first, long last) {
    SeqRange including(SeqRange other) {
      return new SeqRange(Math.min(first, other.first), Math.max(last, other.last));
    }
  }

  /** One statement for a whole chunk of items; answers the seqs they were stored under. */
  Future<SeqRange> insertItems(SqlClient tx, UUID jobId, List<ValidUpdate> items) {
    int n = items.size();
    Integer[] index = new Integer[n];
    UUID[] seller = new UUID[n];
    String[] marketplace = new String[n];
    String[] sku = new String[n];
    String[] price = new String[n];
    String[] currency = new String[n];
    Integer[] quantity = new Integer[n];
    Integer[] listed = new Integer[n];
    Integer[] handling = new Integer[n];
    for (int i = 0; i < n; i++) {
      ValidUpdate item = items.get(i);
      index[i] = item.index();
      seller[i] = item.sellerId();
      marketplace[i] = item.marketplaceId();
      sku[i] = item.sku();
      price[i] = item.price().map(BigDecimal::toPlainString).orElse(null);
      currency[i] = item.currency().orElse(null);
      quantity[i] = item.quantity().orElse(null);
      listed[i] = item.listedQuantity().orElse(null);
      handling[i] = item.handlingTime().orElse(null);
    }
    // Prices travel as text: the client's numeric arrays do not take nulls.
    return tx.preparedQuery("WITH stored AS (INSERT INTO update_items (job_id, item_index, seller_id, marketplace_id, sku, price,"
            + " currency, quantity, listed_quantity, handling_time, status) SELECT $1, t.item_index, t.seller_id, t.marketplace_id,"
            + " t.sku, t.price::numeric, t.currency, t.quantity, t.listed_quantity, t.handling_time, 'pending'"
            + " FROM unnest($2::int[], $3::uuid[], $4::text[],"
            + " $5::text[], $6::text[], $7::text[], $8::int[], $9::int[], $10::int[]) AS t (item_index, seller_id, marketplace_id, sku,"
            + " price, currency, quantity, listed_quantity, handling_time) RETURNING seq) SELECT min(seq), max(seq) FROM stored")
        .execute(Tuple.from(new Object[] {jobId, index, seller, marketplace, sku, price, currency, quantity, listed, handling}))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new SeqRange(row.getLong(0), row.getLong(1));
        });
  }

  /** Ends the intake: the job's body hash, its answer for a replay, and when each seller with work is due (ms from now). */
  Future<Void> accepted(SqlClient tx, UUID jobId, byte[] sha256, JsonObject answer, int total, int rejected, Optional<SeqRange> items,
      Map<UUID, Double> startOffsetsMillis, Optional<OffsetDateTime> estimatedCompletion) {
    UUID[] sellers = startOffsetsMillis.keySet().toArray(UUID[]::new);
    Double[] offsets = new Double[sellers.length];
    for (int i = 0; i < sellers.length; i++) {
      offsets[i] = startOffsetsMillis.get(sellers[i]);
    }
    // A job of nothing but refused updates ends at once, and says so.
    return tx.preparedQuery("UPDATE update_jobs j SET body_sha256 = $2, answer = $3, total = $4, rejected_at_intake = $5,"
            + " status = CASE WHEN $4 = 0 THEN 'done' ELSE 'queued' END, finished_at = CASE WHEN $4 = 0 THEN now() END,"
            + " estimated_completion_at = $6, seller_ids = $7, first_seq = $8, last_seq = $9 WHERE id = $1" + JobEvents.RETURNING)
        .execute(Tuple.from(new Object[] {jobId, Buffer.buffer(sha256), answer, total, rejected, estimatedCompletion.orElse(null),
            sellers, items.map(SeqRange::first).orElse(null), items.map(SeqRange::last).orElse(null)}))
        .compose(updated -> total == 0 ? events.finished(tx, updated) : Future.<Void>succeededFuture())
        .compose(v -> sellers.length == 0 ? Future.succeededFuture() : tx.preparedQuery("INSERT INTO update_sellers (seller_id, due_at)"
                + " SELECT s.seller_id, now() + s.offset_ms * interval '1 millisecond'"
                + " FROM unnest($1::uuid[], $2::float8[]) AS s (seller_id, offset_ms)"
                + " ON CONFLICT (seller_id) DO UPDATE SET due_at = LEAST(update_sellers.due_at, excluded.due_at), woken = true")
            .execute(Tuple.of(sellers, (Object) offsets)).mapEmpty());
  }

  Future<Optional<UpdateJob>> get(UUID tenantId, UUID jobId) {
    return pool.preparedQuery("SELECT " + UpdateJob.COLUMNS + " FROM update_jobs WHERE id = $1 AND tenant_id = $2")
        .execute(Tuple.of(jobId, tenantId))
        .compose(rows -> {
          List<Row> found = new ArrayList<>();
          rows.forEach(found::add);
          return withCounts(found).map(jobs -> jobs.stream().findFirst());
        });
  }

  /** A page of the tenant's jobs, newest first. */
  Future<List<UpdateJob>> list(UUID tenantId, Optional<String> status, Optional<UUID> after, int limit) {
    return pool.preparedQuery("SELECT " + UpdateJob.COLUMNS + " FROM update_jobs WHERE tenant_id = $1"
            + " AND ($2::text IS NULL OR status = $2)"
            + " AND ($3::uuid IS NULL OR (created_at, id) < (SELECT created_at, id FROM update_jobs WHERE id = $3))"
            + " ORDER BY created_at DESC, id DESC LIMIT $4")
        .execute(Tuple.of(tenantId, status.orElse(null), after.orElse(null), limit))
        .compose(rows -> {
          List<Row> found = new ArrayList<>();
          rows.forEach(found::add);
          return withCounts(found);
        });
  }

  private Future<List<UpdateJob>> withCounts(List<Row> jobs) {
    if (jobs.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    UUID[] ids = jobs.stream().map(row -> row.getUUID("id")).toArray(UUID[]::new);
    return pool.preparedQuery("SELECT j.id, c.status, c.n FROM update_jobs j CROSS JOIN LATERAL (SELECT i.status, count(*) AS n"
            + " FROM update_items i WHERE " + ITEMS_OF_J + " GROUP BY i.status) c WHERE j.id = ANY ($1)")
        .execute(Tuple.of(ids))
        .map(rows -> {
          Map<UUID, Map<String, Long>> counts = new HashMap<>();
          rows.forEach(row -> counts.computeIfAbsent(row.getUUID(0), id -> new HashMap<>()).put(row.getString(1), row.getLong(2)));
          return jobs.stream().map(row -> UpdateJob.from(row, counts.getOrDefault(row.getUUID("id"), Map.of()))).toList();
        });
  }

  /**
   * A page of a job's items, in the order stored (the body's), after the item stored as {@code afterSeq}; the caller
   * checked the job is the tenant's.
   */
  Future<List<Map.Entry<Long, JsonObject>>> items(UUID jobId, Optional<String> status, long afterSeq, int limit) {
    return pool.preparedQuery("SELECT i.seq, i.item_index, i.seller_id, i.marketplace_id, i.sku, i.price, i.currency, i.quantity,"
            + " i.listed_quantity, i.handling_time, i.status, i.path, i.submission_id, s.feed_id, i.issues, i.updated_at, i.sent_at,"
            + " i.result_at FROM update_items i LEFT JOIN update_submissions s ON s.id = i.submission_id"
            + " WHERE " + itemsOfJob("$1") + " AND ($2::text IS NULL OR i.status = $2) AND i.seq > $3 ORDER BY i.seq LIMIT $4")
        .execute(Tuple.of(jobId, status.orElse(null), afterSeq, limit))
        .map(rows -> {
          List<Map.Entry<Long, JsonObject>> items = new ArrayList<>();
          rows.forEach(row -> items.add(Map.entry(row.getLong("seq"), UpdateItemJson.of(row))));
          return items;
        });
  }

  /** Cancels what was not sent yet; sent items keep going to their outcome. */
  Future<Void> cancel(UUID tenantId, UUID jobId) {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE update_jobs SET status = 'cancelled', updated_at = now()"
            + " WHERE id = $1 AND tenant_id = $2 AND status IN ('queued', 'running')")
        .execute(Tuple.of(jobId, tenantId))
        .compose(v -> tx.preparedQuery("UPDATE update_items i SET status = 'cancelled', updated_at = now(), result_at = now()"
                + " WHERE " + itemsOfJob("$1") + " AND i.status = 'pending'")
            .execute(Tuple.of(jobId)))
        .compose(v -> tx.preparedQuery("UPDATE update_jobs j SET finished_at = now() WHERE j.id = $1 AND j.finished_at IS NULL"
                + " AND NOT EXISTS (SELECT 1 FROM update_items i WHERE " + ITEMS_OF_J + " AND i.status IN ('pending', 'sent'))"
                + JobEvents.RETURNING)
            .execute(Tuple.of(jobId)))
        .compose(ended -> events.finished(tx, ended)));
  }
}
