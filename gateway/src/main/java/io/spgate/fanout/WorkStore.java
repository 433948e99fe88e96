package io.spgate.fanout;

import io.spgate.store.TurnsByTenant;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the workers read and write: sellers leased for a round, their open items, feed submissions,
 * and items moved to their outcomes (many at a time, one statement each), with their jobs kept in step.
 */
final class WorkStore {

  private static final String NEVER = "infinity";

  /** A deleted seller keeps its row until a round cancels its items: those take their turns as one more tenant's. */
  private static final TurnsByTenant DUE = new TurnsByTenant("update_sellers", List.of("seller_id"), "due_at",
      TurnsByTenant.dueAndFree("due_at", "now()"), " LEFT JOIN sellers s ON s.id = {t}.seller_id",
      "s.tenant_id");

  private final Pool pool;
  private final JobEvents events;

  WorkStore(Pool pool, JobEvents events) {
    this.pool = pool;
    this.events = events;
  }

  /**
   * Sellers whose round is due and that no instance holds, held now for {@code lease}: taken in turn by tenant (each
   * tenant's longest due first, then each one's next), so a tenant's job of thousands of sellers, all due, does not
   * keep another tenant's seller waiting behind all of them.
   */
  Future<List<UUID>> leaseDue(int limit, Duration lease) {
    return pool.preparedQuery("UPDATE update_sellers SET lease_until = now() + $2 * interval '1 millisecond', woken = false"
            + " WHERE seller_id IN (" + DUE.due("$1") + ") RETURNING seller_id")
        .execute(Tuple.of(limit, lease.toMillis()))
        .map(rows -> {
          List<UUID> leased = new ArrayList<>();
          rows.forEach(row -> leased.add(row.getUUID(0)));
          return leased;
        });
  }

  /** Lets the seller go until its next round (none: until new items come; at once if some came during this round). */
  Future<Void> release(UUID sellerId, Optional<OffsetDateTime> nextRound) {
    return pool.preparedQuery("UPDATE update_sellers SET lease_until = NULL, woken = false, due_at = CASE WHEN woken"
            + " THEN LEAST(now(), $2) ELSE COALESCE($2, '" + NEVER + "'::timestamptz) END WHERE seller_id = $1")
        .execute(Tuple.of(sellerId, nextRound.orElse(null))).mapEmpty();
  }

  /** The seller was deleted: its open items are cancelled, saying why, and it has no more rounds. */
  Future<Void> sellerGone(UUID sellerId) {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE update_items SET status = 'cancelled', result_at = now(), updated_at = now(),"
            + " issues = '[{\"code\":\"seller_deleted\",\"severity\":\"ERROR\",\"message\":\"The seller was deleted before this update"
            + " reached Amazon.\"}]' WHERE seller_id = $1 AND status IN ('pending', 'sent')")
        .execute(Tuple.of(sellerId))
        .compose(v -> tx.preparedQuery("DELETE FROM update_sellers WHERE seller_id = $1").execute(Tuple.of(sellerId)))
        .mapEmpty());
  }

  /** The seller's pending and sent items, oldest first. */
  Future<List<OpenItem>> open(UUID sellerId, int limit) {
    return pool.preparedQuery("SELECT " + OpenItem.COLUMNS + " FROM update_items WHERE seller_id = $1 AND status IN ('pending', 'sent')"
            + " ORDER BY seq LIMIT $2")
        .execute(Tuple.of(sellerId, limit))
        .map(rows -> {
          List<OpenItem> items = new ArrayList<>();
          rows.forEach(row -> items.add(OpenItem.from(row)));
          return items;
        });
  }

  Future<Void> supersede(List<Long> seqs) {
    return seqs.isEmpty() ? Future.succeededFuture() : closeAll(pool, List.of(new ItemOutcome(seqs, ItemStatus.SUPERSEDED, null,
        Optional.empty())), ItemStatus.PENDING);
  }

  /** Says, before the patches go, that they go: an instance that dies meanwhile leaves them sent, to be read back. */
  Future<Void> sendingPatches(List<Long> seqs) {
    return pool.preparedQuery("WITH sent AS (UPDATE update_items SET status = 'sent', path = 'patch', sent_at = now(),"
            + " updated_at = now() WHERE seq = ANY ($1) AND status = 'pending' RETURNING job_id) SELECT DISTINCT job_id FROM sent")
        .execute(Tuple.of(seqs.toArray(Long[]::new)))
        .compose(rows -> running(jobIds(rows)));
  }

  /** Records a feed and marks its items sent, each with its SKU's message id; the submission's id. */
  Future<Long> recordFeed(UUID sellerId, String marketplaceId, List<SkuChange> changes) {
    List<Long> seqs = new ArrayList<>();
    List<Integer> messageIds = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      for (Long seq : changes.get(i).itemSeqs()) {
        seqs.add(seq);
        messageIds.add(i + 1);
      }
    }
    return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO update_submissions (seller_id, marketplace_id, state, messages)"
            + " VALUES ($1, $2, 'recorded', $3) RETURNING id")
        .execute(Tuple.of(sellerId, marketplaceId, changes.size()))
        .compose(rows -> {
          long id = rows.iterator().next().getLong(0);
          // The jobs the items belong to, once each: a feed's thousands of items are of a job or two.
          return tx.preparedQuery("WITH sent AS (UPDATE update_items i SET status = 'sent', path = 'feed', submission_id = $1,"
                  + " message_id = m.message_id, sent_at = now(), updated_at = now() FROM unnest($2::bigint[], $3::int[]) AS m(seq, message_id)"
                  + " WHERE i.seq = m.seq AND i.status = 'pending' RETURNING i.job_id) SELECT DISTINCT job_id FROM sent")
              .execute(Tuple.of(id, seqs.toArray(Long[]::new), messageIds.toArray(Integer[]::new)))
              .map(updated -> new Recorded(id, jobIds(updated)));
        })).compose(recorded -> running(recorded.jobs()).map(recorded.id()));
  }

  Future<List<FeedSubmission>> openFeeds(UUID sellerId) {
    return pool.preparedQuery("SELECT " + FeedSubmission.COLUMNS + " FROM update_submissions WHERE seller_id = $1 AND state <> 'done'"
            + " ORDER BY id")
        .execute(Tuple.of(sellerId))
        .map(rows -> {
          List<FeedSubmission> feeds = new ArrayList<>();
          rows.forEach(row -> feeds.add(FeedSubmission.from(row)));
          return feeds;
        });
  }

  /** The items a feed carries, for rebuilding its document or mapping its report back. */
  Future<List<OpenItem>> feedItems(long submissionId) {
    // Among the seller's open items (update_items_seller_open): a feed's items are sent until it ends.
    return pool.preparedQuery("SELECT " + OpenItem.COLUMNS + " FROM update_items WHERE seller_id = (SELECT seller_id FROM"
            + " update_submissions WHERE id = $1) AND submission_id = $1 AND status = 'sent' ORDER BY seq")
        .execute(Tuple.of(submissionId))
        .map(rows -> {
          List<OpenItem> items = new ArrayList<>();
          rows.forEach(row -> items.add(OpenItem.from(row)));
          return items;
        });
  }

  /** How many listings feeds the seller created since then (Amazon allows five in five minutes). */
  Future<Integer> feedsCreatedSince(UUID sellerId, OffsetDateTime since) {
    return pool.preparedQuery("SELECT count(*) FROM update_submissions WHERE seller_id = $1 AND created_at >= $2")
        .execute(Tuple.of(sellerId, since)).map(rows -> rows.iterator().next().getInteger(0));
  }

  /** Feed ids some submission holds already (another feed found in getFeeds is not one of ours to adopt twice). */
  Future<Set<String>> heldFeedIds(List<String> feedIds) {
    return pool.preparedQuery("SELECT feed_id FROM update_submissions WHERE feed_id = ANY ($1)")
        .execute(Tuple.of(feedIds.toArray(String[]::new)))
        .map(rows -> {
          Set<String> held = new HashSet<>();
          rows.forEach(row -> held.add(row.getString(0)));
          return held;
        });
  }

  Future<Void> feedUploaded(long id, String feedDocumentId) {
    return pool.preparedQuery("UPDATE update_submissions SET state = 'uploaded', feed_document_id = $2 WHERE id = $1")
        .execute(Tuple.of(id, feedDocumentId)).mapEmpty();
  }

  Future<Void> feedCreated(long id, String feedId, OffsetDateTime createdAt, OffsetDateTime firstPoll) {
    return pool.preparedQuery("UPDATE update_submissions SET state = 'created', feed_id = $2, created_at = $3, next_poll_at = $4"
            + " WHERE id = $1")
        .execute(Tuple.of(id, feedId, createdAt, firstPoll)).mapEmpty();
  }

  Future<Void> pollLater(long id, OffsetDateTime at) {
    return pool.preparedQuery("UPDATE update_submissions SET next_poll_at = $2 WHERE id = $1").execute(Tuple.of(id, at)).mapEmpty();
  }

  /** Ends a feed: its items' outcomes, in one transaction with the submission's end. */
  Future<Void> feedEnded(long id, List<ItemOutcome> outcomes) {
    return pool.withTransaction(tx -> closeAll(tx, outcomes, ItemStatus.SENT)
        .compose(v -> tx.preparedQuery("UPDATE update_submissions SET state = 'done', finished_at = now() WHERE id = $1")
            .execute(Tuple.of(id)))
        .mapEmpty());
  }

  /** Outcomes of patches: each group of items closed with its status and issues. */
  Future<Void> closed(List<ItemOutcome> outcomes) {
    return closeAll(pool, outcomes, ItemStatus.SENT);
  }

  /** Items that did not get through (a refused or failed call): pending again, for a later round. */
  Future<Void> backToPending(List<Long> seqs) {
    return seqs.isEmpty() ? Future.succeededFuture() : pool.preparedQuery("UPDATE update_items SET status = 'pending', path = NULL,"
            + " submission_id = NULL, message_id = NULL, sent_at = NULL, updated_at = now() WHERE seq = ANY ($1) AND status = 'sent'")
        .execute(Tuple.of(seqs.toArray(Long[]::new))).mapEmpty();
  }

  /**
   * Closes the items of all the outcomes that are still {@code from}, in one statement. Their jobs are ended by
   * {@link #sweepEndedJobs}: checking each job here, on every close, cost more than the closes themselves.
   */
  private Future<Void> closeAll(SqlClient tx, List<ItemOutcome> outcomes, String from) {
    List<Long> seqs = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    List<String> issues = new ArrayList<>();
    List<String> submissions = new ArrayList<>();
    for (ItemOutcome outcome : outcomes) {
      String issuesJson = outcome.issues() == null || outcome.issues().isEmpty() ? null : outcome.issues().encode();
      for (Long seq : outcome.seqs()) {
        seqs.add(seq);
        statuses.add(outcome.status());
        issues.add(issuesJson);
        submissions.add(outcome.amazonSubmissionId().orElse(null));
      }
    }
    if (seqs.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery("UPDATE update_items i SET status = o.status, issues = o.issues::jsonb,"
            + " amazon_submission_id = COALESCE(o.submission, i.amazon_submission_id), result_at = now(), updated_at = now()"
            + " FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS o (seq, status, issues, submission)"
            + " WHERE i.seq = o.seq AND i.status = $5")
        .execute(Tuple.of(seqs.toArray(Long[]::new), statuses.toArray(String[]::new), issues.toArray(String[]::new),
            submissions.toArray(String[]::new), from))
        .mapEmpty();
  }

  /** A feed recorded, and the jobs its items are of. */
  private record Recorded(long id, Set<UUID> jobs) {}

  /**
   * The jobs have items sent. Outside the sending transaction: every round of a big job would otherwise wait on the
   * job's row for the first round's transaction to end.
   */
  private Future<Void> running(Set<UUID> jobs) {
    return jobs.isEmpty() ? Future.succeededFuture() : pool.preparedQuery("UPDATE update_jobs SET status = 'running', updated_at = now()"
            + " WHERE id = ANY ($1) AND status = 'queued'")
        .execute(Tuple.of(jobs.toArray(UUID[]::new))).mapEmpty();
  }

  private static Set<UUID> jobIds(io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> rows) {
    Set<UUID> jobs = new HashSet<>();
    rows.forEach(row -> jobs.add(row.getUUID(0)));
    return jobs;
  }

  /**
   * Ends the open jobs left with nothing open. Two rounds closing a job's last items at once each see
   * the other's items still open, so neither ends the job; this sweep, run every half second, does.
   */
  Future<Void> sweepEndedJobs() {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE update_jobs j SET status = CASE WHEN status = 'cancelled' THEN"
            + " 'cancelled' ELSE 'done' END, finished_at = now(), updated_at = now() WHERE status IN ('queued', 'running', 'cancelled')"
            + " AND finished_at IS NULL AND NOT EXISTS (SELECT 1 FROM update_items i WHERE i.seller_id = ANY (j.seller_ids)"
            + " AND i.status IN ('pending', 'sent') AND " + UpdateJobStore.ITEMS_OF_J + ")" + JobEvents.RETURNING)
        .execute().compose(ended -> events.finished(tx, ended)));
  }
}
