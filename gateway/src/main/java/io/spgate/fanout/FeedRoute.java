package io.spgate.fanout;

import io.spgate.channels.MappingStore;
import io.spgate.channels.SkuKey;
import io.spgate.seller.Seller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SKU changes as JSON_LISTINGS_FEEDs and follows them to their processing reports. Each step is
 * recorded before the next goes to Amazon, so any instance can carry a feed on from where the last
 * one stopped: no document yet → build and upload it again from its items; a document → find the
 * feed it made in getFeeds (createFeed may have gone out) or create it; a feed id → poll. The report
 * maps back by messageId: a message with an ERROR is rejected with its issues, one without is
 * applied (the feed asked for the issues found after acceptance).
 */
final class FeedRoute {

  private static final Logger LOG = LoggerFactory.getLogger(FeedRoute.class);
  /** How far before its record a feed found in getFeeds may have been created (clocks differ). */
  private static final Duration CREATED_SLACK = Duration.ofMinutes(2);

  private final Vertx vertx;
  private final FeedCalls feeds;
  private final WorkStore work;
  private final MappingStore mappings;
  private final FeedDurations durations;

  FeedRoute(Vertx vertx, FeedCalls feeds, WorkStore work, MappingStore mappings, FeedDurations durations) {
    this.vertx = vertx;
    this.feeds = feeds;
    this.work = work;
    this.mappings = mappings;
    this.durations = durations;
  }

  /**
   * Records and sends one feed of the changes (all of one marketplace, at most 25,000). The document is written and
   * uploaded while the feed is recorded (an upload changes nothing at Amazon; a document nobody submits expires), and
   * createFeed goes only once both are done: nothing reaches the listings unrecorded.
   */
  Future<Void> submit(Seller seller, String marketplaceId, List<SkuChange> changes, Map<SkuKey, String> productTypes) {
    long start = System.nanoTime();
    Future<Long> recorded = work.recordFeed(seller.id(), marketplaceId, changes);
    Future<String> uploaded = upload(seller, changes, productTypes);
    return Future.join(recorded, uploaded).compose(both -> {
      long prepared = System.nanoTime();
      long id = recorded.result();
      return uploadedThenCreate(seller, id, uploaded.result(), marketplaceId)
          .onSuccess(v -> LOG.info("Seller {}: feed submission {} of {} messages created (recorded, written and uploaded in {} ms,"
              + " createFeed in {} ms)", seller.id(), id, changes.size(), (prepared - start) / 1_000_000,
              (System.nanoTime() - prepared) / 1_000_000));
    });
  }

  /** Takes a recorded feed one step further: the next time it needs a look, or empty once it ended. */
  Future<Optional<OffsetDateTime>> advance(Seller seller, FeedSubmission feed) {
    return switch (feed.state()) {
      case FeedSubmission.RECORDED -> work.feedItems(feed.id()).compose(items -> {
        List<SkuChange> changes = changesOf(seller, items);
        return ProductTypes.of(mappings, seller, changes)
            .compose(types -> upload(seller, changes, types))
            .compose(docId -> uploadedThenCreate(seller, feed.id(), docId, feed.marketplaceId()));
      }).map(v -> Optional.of(now()));
      case FeedSubmission.UPLOADED -> adoptOrCreate(seller, feed).map(v -> Optional.of(now()));
      case FeedSubmission.CREATED -> feed.nextPollAt().filter(at -> at.isAfter(now())).isPresent()
          ? Future.succeededFuture(feed.nextPollAt())
          : poll(seller, feed);
      default -> Future.succeededFuture(Optional.empty());
    };
  }

  /** Writes the feed while Amazon is asked where to put it (two waits in one) and uploads it: the document's id. */
  private Future<String> upload(Seller seller, List<SkuChange> changes, Map<SkuKey, String> productTypes) {
    Future<FeedDocument.Written> written = FeedDocument.write(vertx, seller.sellingPartnerId(), changes, productTypes);
    Future<FeedCalls.Upload> target = feeds.createDocument(seller);
    return Future.join(written, target)
        .compose(both -> feeds.upload(target.result(), written.result()).map(target.result().feedDocumentId()))
        .eventually(() -> written.succeeded() ? vertx.fileSystem().delete(written.result().file().toString())
            .onFailure(e -> LOG.warn("Could not delete the feed file {}: {}", written.result().file(), e.getMessage()))
            : Future.succeededFuture());
  }

  /** Records the uploaded document on the submission, then creates the feed from it. */
  private Future<Void> uploadedThenCreate(Seller seller, long id, String feedDocumentId, String marketplaceId) {
    return work.feedUploaded(id, feedDocumentId).compose(v -> create(seller, id, feedDocumentId, marketplaceId));
  }

  private Future<Void> create(Seller seller, long id, String feedDocumentId, String marketplaceId) {
    return feeds.create(seller, feedDocumentId, marketplaceId)
        .compose(feedId -> created(id, feedId, Instant.now()));
  }

  private Future<Void> created(long id, String feedId, Instant createdAt) {
    return durations.expected().compose(expected -> work.feedCreated(id, feedId, createdAt.atOffset(ZoneOffset.UTC),
        createdAt.atOffset(ZoneOffset.UTC).plus(firstWait(expected))));
  }

  /** The document is uploaded and createFeed may have gone out: the feed it made, if any, is this one's. */
  private Future<Void> adoptOrCreate(Seller seller, FeedSubmission feed) {
    Instant since = feed.recordedAt().toInstant().minus(CREATED_SLACK);
    return feeds.createdSince(seller, since).compose(found -> work.heldFeedIds(found.stream().map(FeedCalls.AmazonFeed::feedId).toList())
        .compose(held -> {
          Optional<FeedCalls.AmazonFeed> made = found.stream().filter(f -> !held.contains(f.feedId()))
              .min(Comparator.comparing(FeedCalls.AmazonFeed::createdTime));
          if (made.isPresent()) {
            LOG.info("Seller {}: feed {} was created before a restart; following it rather than creating another", seller.id(),
                made.get().feedId());
            return created(feed.id(), made.get().feedId(), made.get().createdTime());
          }
          return create(seller, feed.id(), feed.feedDocumentId().orElseThrow(), feed.marketplaceId());
        }));
  }

  private Future<Optional<OffsetDateTime>> poll(Seller seller, FeedSubmission feed) {
    return feeds.get(seller, feed.feedId().orElseThrow()).compose(amazon -> {
      if (!amazon.ended()) {
        return durations.expected().compose(expected -> {
          OffsetDateTime next = now().plus(pollEvery(expected));
          return work.pollLater(feed.id(), next).map(Optional.of(next));
        });
      }
      return work.feedItems(feed.id()).compose(items -> ended(seller, feed, amazon, items)).map(Optional.<OffsetDateTime>empty());
    });
  }

  private Future<Void> ended(Seller seller, FeedSubmission feed, FeedCalls.AmazonFeed amazon, List<OpenItem> items) {
    if ("CANCELLED".equals(amazon.processingStatus()) || amazon.resultFeedDocumentId().isEmpty()) {
      // Cancelled at Amazon (or no report to say what happened): nothing is known applied; the items go again.
      LOG.info("Seller {}: feed {} ended {} without a report; its {} item(s) go again", seller.id(), amazon.feedId(),
          amazon.processingStatus(), items.size());
      return work.backToPending(items.stream().map(OpenItem::seq).toList())
          .compose(v -> work.feedEnded(feed.id(), List.of()));
    }
    return feeds.issues(seller, amazon.resultFeedDocumentId().get()).compose(issues -> {
      boolean fatal = "FATAL".equals(amazon.processingStatus());
      List<ItemOutcome> outcomes = outcomes(items, issues, fatal);
      return work.feedEnded(feed.id(), outcomes).compose(v -> remember(seller, items, outcomes));
    });
  }

  /** Each message's outcome from the report's issues; a FATAL feed applied none that the report does not vouch for. */
  static List<ItemOutcome> outcomes(List<OpenItem> items, Map<Integer, JsonArray> issues, boolean fatal) {
    Map<Integer, List<Long>> byMessage = new TreeMap<>();
    items.forEach(item -> byMessage.computeIfAbsent(item.messageId().orElse(0), m -> new ArrayList<>()).add(item.seq()));
    JsonArray feedIssues = issues.getOrDefault(0, new JsonArray());
    List<ItemOutcome> outcomes = new ArrayList<>();
    byMessage.forEach((messageId, seqs) -> {
      JsonArray mine = issues.getOrDefault(messageId, new JsonArray());
      boolean error = mine.stream().anyMatch(i -> "ERROR".equals(((JsonObject) i).getString("severity")));
      if (fatal && mine.isEmpty()) {
        outcomes.add(new ItemOutcome(seqs, ItemStatus.REJECTED, feedIssues.isEmpty()
            ? new JsonArray().add(new JsonObject().put("code", "FEED_FATAL").put("severity", "ERROR")
                .put("message", "Amazon could not process the feed (FATAL); this message may not have been applied."))
            : feedIssues, Optional.empty()));
      } else {
        outcomes.add(new ItemOutcome(seqs, error ? ItemStatus.REJECTED : ItemStatus.APPLIED, mine, Optional.empty()));
      }
    });
    return outcomes;
  }

  /** The feed's items as the changes they were sent as, by message id (for a feed rebuilt after a restart). */
  static List<SkuChange> changesOf(Seller seller, List<OpenItem> items) {
    Map<Integer, List<OpenItem>> byMessage = new TreeMap<>();
    items.forEach(item -> byMessage.computeIfAbsent(item.messageId().orElse(0), m -> new ArrayList<>()).add(item));
    List<SkuChange> changes = new ArrayList<>();
    byMessage.values().forEach(group -> changes.addAll(PendingChanges.of(seller.id(), group.stream()
        .map(i -> new OpenItem(i.seq(), i.jobId(), i.marketplaceId(), i.sku(), i.price(), i.currency(), i.listedQuantity(),
            i.handlingTime(), ItemStatus.PENDING, i.path(), i.submissionId(), i.messageId()))
        .toList()).changes()));
    return changes;
  }

  /** What the listings show now, on their mappings (the guardrails' last price). */
  private Future<Void> remember(Seller seller, List<OpenItem> items, List<ItemOutcome> outcomes) {
    Set<Long> applied = new HashSet<>();
    outcomes.stream().filter(o -> ItemStatus.APPLIED.equals(o.status())).forEach(o -> applied.addAll(o.seqs()));
    List<SkuChange> shown = changesOf(seller, items.stream().filter(item -> applied.contains(item.seq())).toList());
    return TakenValues.record(mappings, shown);
  }

  /** The first look at a feed: a little before Amazon is expected to be done with it. */
  static Duration firstWait(Duration expected) {
    return Duration.ofMillis(Math.max(1_000, (long) (expected.toMillis() * 0.95)));
  }

  /** Later looks: often enough to see the end within 0.33 % of the expected time, at least 500 ms apart (getFeed: 2/s a seller). */
  static Duration pollEvery(Duration expected) {
    return Duration.ofMillis(Math.min(60_000, Math.max(500, expected.toMillis() / 300)));
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
