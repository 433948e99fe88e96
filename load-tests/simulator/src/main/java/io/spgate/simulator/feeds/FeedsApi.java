package io.spgate.simulator.feeds;

import io.spgate.simulator.SimClock;
import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.data.DemoWorld;
import io.spgate.simulator.data.Marketplace;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.documents.Document;
import io.spgate.simulator.documents.DocumentStore;
import io.spgate.simulator.faults.FaultSettings;
import io.spgate.simulator.http.AmazonErrors;
import io.spgate.simulator.http.PageTokens;
import io.spgate.simulator.http.SpApiRequest;
import io.spgate.simulator.http.SpApiRoutes;
import io.spgate.simulator.listings.ListingEditor;
import io.spgate.simulator.model.validation.InvalidInputException;
import io.spgate.simulator.notifications.NotificationPublisher;
import io.spgate.simulator.processing.Processing;
import io.spgate.simulator.quota.QuotaGate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feeds API 2021-06-30: feed documents uploaded to the document store, feeds processed on timers (delays divided by
 * the time scale). JSON_LISTINGS_FEED is applied to the listings, within its own limit of submissions
 * ({@link ListingsFeedLimit}); other feed types are accepted and end DONE with an empty processing summary.
 */
public final class FeedsApi {
  private static final String API = "feeds_2021-06-30";
  static final String LISTINGS_FEED = "JSON_LISTINGS_FEED";

  private final Vertx vertx;
  /**
   * Applies feeds one at a time. Amazon processes feeds away from its API's front end; here the two share the host, and
   * feeds started together (50 in ops/bench fanout) parsed at once took both cores and hundreds of MB of young objects
   * that survived, so G1 paused the whole simulator for 300-500 ms: calls that arrived meanwhile met the quota check
   * together, as Amazon's front end would not see them.
   */
  private final WorkerExecutor oneFeedAtATime;
  private final DemoWorld world;
  private final DocumentStore documents;
  private final NotificationPublisher notifications;
  private final FaultSettings faults;
  private final SimClock clock;
  private final SimulatorOptions options;
  private final ListingsFeedProcessor processor;
  private final QuotaGate quotas;
  private final ListingsFeedLimit listingsFeedLimit;
  private final ConcurrentHashMap<String, Feed> feeds = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(60_000_000_000L);

  public FeedsApi(Vertx vertx, DemoWorld world, DocumentStore documents, ListingEditor editor, NotificationPublisher notifications,
      FaultSettings faults, SimClock clock, SimulatorOptions options, QuotaGate quotas) {
    this.vertx = vertx;
    this.oneFeedAtATime = vertx.createSharedWorkerExecutor("simulator-feed-processing", 1);
    this.world = world;
    this.documents = documents;
    this.notifications = notifications;
    this.faults = faults;
    this.clock = clock;
    this.options = options;
    this.processor = new ListingsFeedProcessor(editor);
    this.quotas = quotas;
    this.listingsFeedLimit = new ListingsFeedLimit(clock);
  }

  public void register(SpApiRoutes routes) {
    routes.serve(API, "createFeedDocument", this::createFeedDocument);
    routes.serve(API, "createFeed", this::createFeed);
    routes.serve(API, "getFeed", this::getFeed);
    routes.serve(API, "getFeeds", this::getFeeds);
    routes.serve(API, "cancelFeed", this::cancelFeed);
    routes.serve(API, "getFeedDocument", this::getFeedDocument);
  }

  private void createFeedDocument(SpApiRequest request) {
    String id = documents.newFeedDocument(request.seller().sellerId(), request.body().getString("contentType"));
    request.reply(201, new JsonObject().put("feedDocumentId", id).put("url", documents.url(request.context().request(), id)));
  }

  private void createFeed(SpApiRequest request) {
    JsonObject spec = request.body();
    List<String> marketplaceIds = spec.getJsonArray("marketplaceIds").stream().map(Object::toString).toList();
    if (marketplaceIds.isEmpty() || marketplaceIds.size() > 25) {
      throw new InvalidInputException("marketplaceIds must list 1 to 25 marketplaces");
    }
    request.requireSellerMarketplaces(marketplaceIds);
    String input = spec.getString("inputFeedDocumentId");
    if (!documents.isFeedDocumentOf(input, request.seller().sellerId())) {
      throw new InvalidInputException("Invalid inputFeedDocumentId " + input);
    }
    String feedType = spec.getString("feedType");
    // Counted only for a feed that would be created; with quotas lifted (--quotas off) this limit is lifted too.
    if (LISTINGS_FEED.equals(feedType) && quotas.enabled() && !listingsFeedLimit.admit(request.seller().sellerId())) {
      // Amazon's answer past this limit is not documented: the shape and code of createFeed's own 429 (UNCONFIRMED),
      // with details naming the limit as the Listings API's 429 texts do.
      AmazonErrors.send(request.response(), 429, "QuotaExceeded", "You exceeded your quota for the requested resource.",
          "JSON_LISTINGS_FEED allows " + ListingsFeedLimit.SUBMISSIONS + " feed submissions per " + ListingsFeedLimit.WINDOW.toMinutes()
              + " minutes");
      return;
    }
    Feed feed = new Feed(Long.toString(ids.incrementAndGet()), request.seller().sellerId(), feedType, marketplaceIds,
        input, clock.now(), new Processing());
    feeds.put(feed.feedId(), feed);
    Seller seller = request.seller();
    // Both times count from the creation, as Amazon's do: a queue timer that fired late on a busy host does not push the end.
    long endsAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(clock.scaledDelayMillis(options.feedQueueMillis())
        + clock.scaledDelayMillis(options.feedProcessingMillis()));
    vertx.setTimer(clock.scaledDelayMillis(options.feedQueueMillis()), t1 -> {
      // A stuck feed is started and never finished: the client must give up on it by itself.
      if (feed.processing().start(clock.now()) && !faults.feedsStuckInProgress()) {
        // The messages are applied as processing starts, off the event loops (the stores are shared by them already),
        // and the report is published when the processing time has passed: feeds that end together end on time
        // (as long as applying them all takes less than the processing time), and nothing else waits meanwhile.
        Future<Finished> processed = oneFeedAtATime.executeBlocking(() -> process(seller, feed), true);
        vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(endsAtNanos - System.nanoTime())),
            t2 -> processed.onComplete(done -> finish(seller, feed, done.succeeded() ? done.result() : new Finished("FATAL", null))));
      }
    });
    request.reply(202, new JsonObject().put("feedId", feed.feedId()));
  }

  /** A processed feed, its report stored, waiting for its processing time to pass. */
  private record Finished(String status, String resultDocumentId) {}

  private Finished process(Seller seller, Feed feed) {
    ListingsFeedProcessor.Outcome outcome;
    if (LISTINGS_FEED.equals(feed.feedType())) {
      outcome = processor.process(feed.feedId(), world.store(seller), Marketplace.byId(feed.marketplaceIds().get(0)).orElseThrow(),
          documents.get(feed.inputFeedDocumentId()).map(d -> ((Document.Stored) d).content()));
    } else {
      JsonObject summary = new JsonObject().put("errors", 0).put("warnings", 0).put("messagesProcessed", 0).put("messagesAccepted", 0)
          .put("messagesInvalid", 0);
      outcome = new ListingsFeedProcessor.Outcome(false, new JsonObject().put("summary", summary));
    }
    String resultId = "amzn1.tortuga.4.na." + UUID.randomUUID();
    documents.put(new Document.Stored(resultId, seller.sellerId(), "application/json", outcome.report().toBuffer()));
    return new Finished(outcome.fatal() ? "FATAL" : "DONE", resultId);
  }

  private void finish(Seller seller, Feed feed, Finished finished) {
    if (feed.processing().finish(finished.status(), finished.resultDocumentId(), clock.now())) {
      notifications.feedFinished(seller, feed.feedId(), feed.feedType(), finished.status(), finished.resultDocumentId());
    }
  }

  private Feed ownFeed(SpApiRequest request) {
    Feed feed = feeds.get(request.pathParam("feedId"));
    return feed != null && feed.sellerId().equals(request.seller().sellerId()) ? feed : null;
  }

  private void getFeed(SpApiRequest request) {
    Feed feed = ownFeed(request);
    if (feed == null) {
      request.notFound("Feed " + request.pathParam("feedId") + " not found");
    } else {
      request.ok(feed.toJson());
    }
  }

  /**
   * The seller's feeds of the types asked for, newest first, within createdSince/createdUntil (default: the last 90 days)
   * and the statuses asked for; pages of pageSize (1-100, default 10) with a nextToken that carries the query.
   */
  private void getFeeds(SpApiRequest request) {
    String nextToken = request.query("nextToken");
    JsonObject query;
    if (nextToken != null) {
      query = PageTokens.decode(nextToken);
    } else {
      query = new JsonObject().put("types", new JsonArray(request.queryList("feedTypes")))
          .put("statuses", new JsonArray(request.queryList("processingStatuses")))
          .put("marketplaces", new JsonArray(request.queryList("marketplaceIds")))
          .put("size", request.queryInt("pageSize", 10))
          .put("since", request.query("createdSince", clock.now().minus(Duration.ofDays(90)).toString()))
          .put("until", request.query("createdUntil", clock.now().toString()))
          .put("offset", 0);
      if (query.getJsonArray("types").isEmpty()) {
        throw new InvalidInputException("feedTypes is required when nextToken is not given");
      }
    }
    int size = query.getInteger("size");
    if (size < 1 || size > 100) {
      throw new InvalidInputException("pageSize must be between 1 and 100");
    }
    Instant since = Instant.parse(query.getString("since"));
    Instant until = Instant.parse(query.getString("until"));
    List<Feed> matching = new ArrayList<>();
    for (Feed feed : feeds.values()) {
      if (feed.sellerId().equals(request.seller().sellerId()) && query.getJsonArray("types").contains(feed.feedType())
          && (query.getJsonArray("statuses").isEmpty() || query.getJsonArray("statuses").contains(feed.processing().status()))
          && (query.getJsonArray("marketplaces").isEmpty()
              || feed.marketplaceIds().stream().anyMatch(query.getJsonArray("marketplaces")::contains))
          && !feed.createdTime().isBefore(since) && !feed.createdTime().isAfter(until)) {
        matching.add(feed);
      }
    }
    matching.sort(Comparator.comparing(Feed::createdTime).reversed().thenComparing(Feed::feedId));
    request.ok(PageTokens.page(matching, query, size, "feeds", Feed::toJson));
  }

  private void cancelFeed(SpApiRequest request) {
    Feed feed = ownFeed(request);
    if (feed == null) {
      request.notFound("Feed " + request.pathParam("feedId") + " not found");
    } else if (!feed.processing().cancel(clock.now())) {
      throw new InvalidInputException("Feed " + feed.feedId() + " is " + feed.processing().status() + " and can no longer be cancelled");
    } else {
      notifications.feedFinished(request.seller(), feed.feedId(), feed.feedType(), "CANCELLED", null);
      request.noContent(200);
    }
  }

  private void getFeedDocument(SpApiRequest request) {
    String id = request.pathParam("feedDocumentId");
    boolean own = documents.get(id).filter(d -> d.sellerId().equals(request.seller().sellerId())).isPresent()
        || documents.isFeedDocumentOf(id, request.seller().sellerId());
    if (!own) {
      request.notFound("Feed document " + id + " not found");
      return;
    }
    request.ok(new JsonObject().put("feedDocumentId", id).put("url", documents.url(request.context().request(), id)));
  }
}
