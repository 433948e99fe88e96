package io.spgate.fanout;

import io.reactivex.rxjava3.core.Flowable;
import io.spgate.quota.Lane;
import io.spgate.reports.document.DocumentHosts;
import io.spgate.reports.document.DocumentStreams;
import io.spgate.reports.document.Gunzip;
import io.spgate.seller.Seller;
import io.spgate.spapi.SpApiClient;
import io.spgate.spapi.SpApiRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Feeds API 2021-06-30 calls of the fan-out (through the pipeline, bulk lane) and the two
 * transfers with Amazon's storage: the feed's upload (streamed from its file, with its length, as S3
 * wants) and its processing report's download (streamed through gunzip into a JSON parser that
 * keeps only the issues).
 */
final class FeedCalls {

  static final String FEED_TYPE = "JSON_LISTINGS_FEED";
  private static final String BASE = "/feeds/2021-06-30";

  /** A feed as getFeed and getFeeds show it. */
  record AmazonFeed(String feedId, String processingStatus, Optional<String> resultFeedDocumentId, Instant createdTime) {

    static AmazonFeed from(JsonObject json) {
      return new AmazonFeed(json.getString("feedId"), json.getString("processingStatus"),
          Optional.ofNullable(json.getString("resultFeedDocumentId")), Instant.parse(json.getString("createdTime")));
    }

    boolean ended() {
      return List.of("DONE", "FATAL", "CANCELLED").contains(processingStatus);
    }
  }

  /** Where to upload a feed document. */
  record Upload(String feedDocumentId, String url) {}

  private final Vertx vertx;
  private final SpApiClient spApi;
  private final SpApiClient.CallOptions bulk;
  private final HttpClient storage;
  private final DocumentHosts hosts;

  FeedCalls(Vertx vertx, SpApiClient spApi, Duration maxWait, HttpClient storage, DocumentHosts hosts) {
    this.vertx = vertx;
    this.spApi = spApi;
    this.bulk = new SpApiClient.CallOptions(maxWait, Optional.of(Lane.BULK));
    this.storage = storage;
    this.hosts = hosts;
  }

  Future<Upload> createDocument(Seller seller) {
    return spApi.call(seller, SpApiRequest.post(BASE + "/documents", new JsonObject().put("contentType", FeedDocument.CONTENT_TYPE)),
        bulk, r -> new Upload(r.json().getString("feedDocumentId"), r.json().getString("url")));
  }

  /** PUTs the file to the document's URL with the Content-Type it was created with [FACTS: Reports / Feeds documents]. */
  Future<Void> upload(Upload upload, FeedDocument.Written feed) {
    URI uri;
    try {
      uri = hosts.check(upload.url());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.PUT).setAbsoluteURI(uri.toString())
        .putHeader("Content-Type", FeedDocument.CONTENT_TYPE).putHeader("Content-Length", String.valueOf(feed.bytes()));
    return vertx.fileSystem().open(feed.file().toString(), new OpenOptions().setRead(true))
        .compose(file -> storage.request(options).compose(request -> request.send(file))
            .compose(response -> response.body().compose(body -> response.statusCode() / 100 == 2 ? Future.<Void>succeededFuture()
                : Future.failedFuture(new IllegalStateException("The feed upload was answered " + response.statusCode()))))
            .eventually(file::close));
  }

  Future<String> create(Seller seller, String feedDocumentId, String marketplaceId) {
    JsonObject body = new JsonObject().put("feedType", FEED_TYPE).put("marketplaceIds", new JsonArray().add(marketplaceId))
        .put("inputFeedDocumentId", feedDocumentId);
    return spApi.call(seller, SpApiRequest.post(BASE + "/feeds", body), bulk, r -> r.json().getString("feedId"));
  }

  Future<AmazonFeed> get(Seller seller, String feedId) {
    return spApi.call(seller, SpApiRequest.get(BASE + "/feeds/" + feedId), bulk, r -> AmazonFeed.from(r.json()));
  }

  /** The seller's listings feeds created since then (one page of up to 100: a seller makes at most five in five minutes). */
  Future<List<AmazonFeed>> createdSince(Seller seller, Instant since) {
    SpApiRequest request = SpApiRequest.get(BASE + "/feeds").withQuery("feedTypes", FEED_TYPE).withQuery("pageSize", "100")
        .withQuery("createdSince", since.toString());
    return spApi.call(seller, request, bulk, r -> {
      List<AmazonFeed> feeds = new ArrayList<>();
      r.json().getJsonArray("feeds", new JsonArray()).forEach(o -> feeds.add(AmazonFeed.from((JsonObject) o)));
      return feeds;
    });
  }

  /** The processing report's issues by messageId; the rest of the report is skipped as it streams by. */
  Future<Map<Integer, JsonArray>> issues(Seller seller, String resultFeedDocumentId) {
    return spApi.call(seller, SpApiRequest.get(BASE + "/documents/" + resultFeedDocumentId), bulk, r -> r.json().getString("url"))
        .compose(url -> {
          URI uri = hosts.check(url);
          return storage.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(uri.toString()))
              .compose(request -> request.send())
              .compose(response -> {
                if (response.statusCode() != 200) {
                  return response.body().compose(b -> Future.failedFuture(
                      new IllegalStateException("The feed's processing report was answered " + response.statusCode())));
                }
                return readIssues(DocumentStreams.flowable(response).compose(new Gunzip()));
              });
        });
  }

  private static Future<Map<Integer, JsonArray>> readIssues(Flowable<Buffer> body) {
    Promise<Map<Integer, JsonArray>> done = Promise.promise();
    Map<Integer, JsonArray> byMessage = new HashMap<>();
    JsonArrayStream issues = new JsonArrayStream("issues", issue -> {
      Integer messageId = issue.getInteger("messageId");
      // An issue without a messageId is about the whole feed (FATAL): it is kept under 0.
      byMessage.computeIfAbsent(messageId == null ? 0 : messageId, id -> new JsonArray()).add(issue);
    });
    body.subscribe(issues::handle, done::tryFail, () -> {
      try {
        issues.end();
        done.tryComplete(byMessage);
      } catch (RuntimeException e) {
        done.tryFail(e);
      }
    });
    return done.future();
  }
}
