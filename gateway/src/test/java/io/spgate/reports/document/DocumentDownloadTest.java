package io.spgate.reports.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Flowable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** DocumentDownload against a small S3 stand-in: what it sends, what it refuses, when it renews a link, how it stops. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentDownloadTest {

  private static final String TEXT = "sku\ttitle\nA-1\tCafé €5\n";
  private static final byte[] GZIPPED = Chunking.gzip(TEXT.getBytes(Charset.forName("windows-1252")));
  private static final Instant NOW = Instant.parse("2024-01-02T03:04:05Z");

  private Vertx vertx;
  private Context loop;
  private HttpServer server;
  private HttpClient client;
  private String origin;
  private DocumentDownload download;
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, MultiMap> headersSeen = new ConcurrentHashMap<>();
  private final Map<String, Promise<Void>> closed = new ConcurrentHashMap<>();

  @BeforeAll
  void start(Vertx vertx, VertxTestContext ctx) {
    this.vertx = vertx;
    loop = vertx.getOrCreateContext();
    // Decompression off (Vert.x's default, said here as the gateway must): the body arrives as S3 stores it.
    client = vertx.createHttpClient(new HttpClientOptions().setDecompressionSupported(false));
    vertx.createHttpServer().requestHandler(this::serve).listen(0, "127.0.0.1")
        .onComplete(ctx.succeeding(started -> {
          server = started;
          origin = "http://127.0.0.1:" + started.actualPort();
          download = new DocumentDownload(client, DocumentHosts.amazonStorageAnd(List.of(origin)), Clock.fixed(NOW, ZoneOffset.UTC));
          ctx.completeNow();
        }));
  }

  @AfterAll
  void stop() {
    client.close();
    server.close();
  }

  @BeforeEach
  void forget() {
    requests.clear();
    headersSeen.clear();
  }

  private void serve(HttpServerRequest request) {
    String path = request.path();
    requests.add(path);
    headersSeen.put(path, MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
    HttpServerResponse response = request.response();
    switch (path) {
      case "/doc" -> response.putHeader("content-type", "text/plain;charset=Cp1252").putHeader("content-encoding", "gzip")
          .putHeader("accept-ranges", "bytes").end(Buffer.buffer(GZIPPED));
      case "/range" -> {
        String range = request.getHeader("range");
        if ("bytes=0-4".equals(range)) {
          response.setStatusCode(206).putHeader("content-range", "bytes 0-4/" + GZIPPED.length).putHeader("accept-ranges", "bytes")
              .end(Buffer.buffer(GZIPPED).slice(0, 5));
        } else {
          response.setStatusCode(416).end();
        }
      }
      case "/redirect" -> response.setStatusCode(302).putHeader("location", origin + "/doc").end("moved");
      case "/expired", "/always-expired" -> response.setStatusCode(403).putHeader("content-type", "application/xml")
          .end(s3Error("AccessDenied", "Request has expired"));
      case "/denied" -> response.setStatusCode(403).end(s3Error("AccessDenied", "Access Denied"));
      case "/missing" -> response.setStatusCode(404).putHeader("x-amz-request-id", "4442587FB7D0A2F9")
          .end(s3Error("NoSuchKey", "The specified key does not exist."));
      case "/not-xml" -> response.setStatusCode(503).end("<html>busy</html>");
      case "/endless" -> {
        Promise<Void> connectionClosed = closed.computeIfAbsent(request.getParam("id"), id -> Promise.promise());
        request.connection().closeHandler(v -> connectionClosed.tryComplete());
        response.setChunked(true).putHeader("content-type", "text/plain");
        if (request.getParam("id").equals("stage-fails")) {
          // A gzip header, then bytes that are no deflate stream.
          response.write(Buffer.buffer(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, (byte) 0xff, (byte) 0xff}));
        }
        writeWhileRoom(vertx, response);
      }
      default -> response.setStatusCode(404).end();
    }
  }

  /** Writes a chunk a turn of the event loop for as long as the connection takes it: only the client can stop it. */
  private static void writeWhileRoom(Vertx vertx, HttpServerResponse response) {
    if (response.closed()) {
      return;
    }
    response.write(Buffer.buffer("sku\tqty\n".repeat(1024)));
    if (response.writeQueueFull()) {
      response.drainHandler(v -> writeWhileRoom(vertx, response));
    } else {
      vertx.runOnContext(v -> writeWhileRoom(vertx, response));
    }
  }

  private static String s3Error(String code, String message) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
        + "</Message><X-Amz-Expires>300</X-Amz-Expires><RequestId>4442587FB7D0A2F9</RequestId><HostId>h</HostId></Error>";
  }

  private DocumentLink link(String path) {
    return new DocumentLink(origin + path + (path.contains("?") ? "&" : "?") + "X-Amz-Date=20240102T030000Z&X-Amz-Expires=300&X-Amz-Signature=abc", Optional.of("GZIP"));
  }

  /** Amazon's getReportDocument, answering the given links in turn (the last one again when they run out). */
  private static Supplier<Future<DocumentLink>> links(AtomicInteger asked, DocumentLink... links) {
    return () -> Future.succeededFuture(links[Math.min(asked.getAndIncrement(), links.length - 1)]);
  }

  /**
   * Runs the work on the event loop, as the gateway does: a response paused from another thread
   * could end before the pause.
   */
  private <T> Future<T> onLoop(Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    loop.runOnContext(v -> work.get().onComplete(done));
    return done.future();
  }

  private static Future<Buffer> read(Flowable<Buffer> body) {
    Promise<Buffer> read = Promise.promise();
    Buffer all = Buffer.buffer();
    body.subscribe(all::appendBuffer, read::fail, () -> read.complete(all));
    return read.future();
  }

  @Test
  void should_hand_on_a_gzip_document_undecompressed_whatever_content_encoding_says(VertxTestContext ctx) {
    AtomicInteger asked = new AtomicInteger();
    onLoop(() -> download.fetch(links(asked, link("/doc")), Optional.empty())
        .compose(document -> read(document.flowable()).map(body -> {
          assertThat(document.status()).isEqualTo(200);
          assertThat(document.headers().get("content-encoding")).isEqualTo("gzip");
          assertThat(document.contentType()).contains("text/plain;charset=Cp1252");
          assertThat(document.contentLength()).hasValue(GZIPPED.length);
          assertThat(document.headers().get("accept-ranges")).isEqualTo("bytes");
          assertThat(document.link().compressionAlgorithm()).contains("GZIP");
          return body;
        })))
        .onComplete(ctx.succeeding(body -> ctx.verify(() -> {
          assertThat(body.getBytes()).isEqualTo(GZIPPED);
          assertThat(headersSeen.get("/doc").get("accept-encoding")).isEqualTo("identity");
          assertThat(asked.get()).isEqualTo(1);
          ctx.completeNow();
        })));
  }

  @Test
  void should_gunzip_a_double_labelled_document_once_through_the_pipeline(VertxTestContext ctx) {
    AtomicInteger asked = new AtomicInteger();
    onLoop(() -> download.fetch(links(asked, link("/doc")), Optional.empty())
        .compose(document -> read(document.flowable().compose(DocumentPipeline.of(DocumentFormat.TSV, document.contentType().orElse(null))))))
        .onComplete(ctx.succeeding(body -> ctx.verify(() -> {
          assertThat(body.toString(StandardCharsets.UTF_8)).isEqualTo(TEXT);
          ctx.completeNow();
        })));
  }

  @Test
  void should_refuse_a_redirect_without_following_it(VertxTestContext ctx) {
    onLoop(() -> download.fetch(links(new AtomicInteger(), link("/redirect")), Optional.empty()))
        .onComplete(ctx.failing(failure -> ctx.verify(() -> {
          assertThat(failure).isInstanceOfSatisfying(DocumentRedirectException.class, e -> {
            assertThat(e.status()).isEqualTo(302);
            assertThat(e.location()).contains(origin + "/doc");
          });
          assertThat(requests).containsExactly("/redirect");
          ctx.completeNow();
        })));
  }

  @Test
  void should_renew_a_link_s3_calls_expired_once(VertxTestContext ctx) {
    AtomicInteger asked = new AtomicInteger();
    onLoop(() -> download.fetch(links(asked, link("/expired"), link("/doc")), Optional.empty())
        .compose(document -> read(document.flowable())))
        .onComplete(ctx.succeeding(body -> ctx.verify(() -> {
          assertThat(body.getBytes()).isEqualTo(GZIPPED);
          assertThat(asked.get()).isEqualTo(2);
          assertThat(requests).containsExactly("/expired", "/doc");
          ctx.completeNow();
        })));
  }

  @Test
  void should_renew_a_link_only_once(VertxTestContext ctx) {
    AtomicInteger asked = new AtomicInteger();
    onLoop(() -> download.fetch(links(asked, link("/always-expired")), Optional.empty()))
        .onComplete(ctx.failing(failure -> ctx.verify(() -> {
          assertThat(failure).isInstanceOfSatisfying(DocumentStorageException.class, e -> assertThat(e.isExpiredLink()).isTrue());
          assertThat(asked.get()).isEqualTo(2);
          assertThat(requests).containsExactly("/always-expired", "/always-expired");
          ctx.completeNow();
        })));
  }

  @Test
  void should_renew_a_link_past_its_time_before_using_it(VertxTestContext ctx) {
    AtomicInteger asked = new AtomicInteger();
    DocumentLink stale = new DocumentLink(origin + "/stale?X-Amz-Date=20240102T025900Z&X-Amz-Expires=300", Optional.empty());
    onLoop(() -> download.fetch(links(asked, stale, link("/doc")), Optional.empty()))
        .onComplete(ctx.succeeding(document -> ctx.verify(() -> {
          document.cancel();
          assertThat(asked.get()).isEqualTo(2);
          assertThat(requests).containsExactly("/doc");
          ctx.completeNow();
        })));
  }

  @Test
  void should_pass_a_range_through_and_relay_206(VertxTestContext ctx) {
    onLoop(() -> download.fetch(links(new AtomicInteger(), link("/range")), Optional.of("bytes=0-4"))
        .compose(document -> read(document.flowable()).map(body -> {
          assertThat(document.status()).isEqualTo(206);
          assertThat(document.headers().get("content-range")).isEqualTo("bytes 0-4/" + GZIPPED.length);
          assertThat(document.headers().get("accept-ranges")).isEqualTo("bytes");
          return body;
        })))
        .onComplete(ctx.succeeding(body -> ctx.verify(() -> {
          assertThat(body.getBytes()).isEqualTo(java.util.Arrays.copyOf(GZIPPED, 5));
          assertThat(headersSeen.get("/range").get("range")).isEqualTo("bytes=0-4");
          ctx.completeNow();
        })));
  }

  @Test
  void should_map_s3_errors_with_their_code_and_not_renew_for_them(VertxTestContext ctx) {
    AtomicInteger asked = new AtomicInteger();
    onLoop(() -> download.fetch(links(asked, link("/missing")), Optional.empty()))
        .onComplete(ctx.failing(failure -> ctx.verify(() -> {
          assertThat(failure).isInstanceOfSatisfying(DocumentStorageException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.code()).contains("NoSuchKey");
            assertThat(e.detail()).contains("The specified key does not exist.");
            assertThat(e.requestId()).contains("4442587FB7D0A2F9");
            assertThat(e.isExpiredLink()).isFalse();
          });
          assertThat(asked.get()).isEqualTo(1);
          ctx.completeNow();
        })));
  }

  @Test
  void should_not_renew_for_access_denied_that_is_not_expiry(VertxTestContext ctx) {
    AtomicInteger asked = new AtomicInteger();
    onLoop(() -> download.fetch(links(asked, link("/denied")), Optional.empty()))
        .onComplete(ctx.failing(failure -> ctx.verify(() -> {
          assertThat(failure).isInstanceOfSatisfying(DocumentStorageException.class, e -> {
            assertThat(e.code()).contains("AccessDenied");
            assertThat(e.isExpiredLink()).isFalse();
          });
          assertThat(asked.get()).isEqualTo(1);
          ctx.completeNow();
        })));
  }

  @Test
  void should_report_an_error_that_is_not_s3_xml_by_its_status(VertxTestContext ctx) {
    onLoop(() -> download.fetch(links(new AtomicInteger(), link("/not-xml")), Optional.empty()))
        .onComplete(ctx.failing(failure -> ctx.verify(() -> {
          assertThat(failure).isInstanceOfSatisfying(DocumentStorageException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.code()).isEmpty();
          });
          ctx.completeNow();
        })));
  }

  @Test
  void should_refuse_a_url_outside_the_allowed_hosts_without_a_request(VertxTestContext ctx) {
    DocumentLink elsewhere = new DocumentLink("http://127.0.0.1:1/doc", Optional.empty());
    onLoop(() -> download.fetch(links(new AtomicInteger(), elsewhere), Optional.empty()))
        .onComplete(ctx.failing(failure -> ctx.verify(() -> {
          assertThat(failure).isInstanceOf(DocumentUrlException.class);
          assertThat(requests).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  void should_close_the_upstream_connection_when_the_reader_stops_mid_stream(VertxTestContext ctx) {
    Promise<Void> connectionClosed = closed.computeIfAbsent("reader-stops", id -> Promise.promise());
    onLoop(() -> download.fetch(links(new AtomicInteger(), link("/endless?id=reader-stops")), Optional.empty())
        // The caller goes away after a few pieces: the Flowable is cancelled.
        .compose(document -> read(document.flowable().take(3)))
        .compose(body -> connectionClosed.future().map(body)))
        .onComplete(ctx.succeeding(body -> ctx.verify(() -> {
          assertThat(body.length()).isPositive();
          ctx.completeNow();
        })));
  }

  @Test
  void should_close_the_upstream_connection_on_cancel(VertxTestContext ctx) {
    Promise<Void> connectionClosed = closed.computeIfAbsent("cancel", id -> Promise.promise());
    onLoop(() -> download.fetch(links(new AtomicInteger(), link("/endless?id=cancel")), Optional.empty())
        .compose(document -> {
          document.cancel();
          return connectionClosed.future();
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void should_close_the_upstream_connection_when_a_stage_fails(VertxTestContext ctx) {
    Promise<Void> connectionClosed = closed.computeIfAbsent("stage-fails", id -> Promise.promise());
    onLoop(() -> download.fetch(links(new AtomicInteger(), link("/endless?id=stage-fails")), Optional.empty())
        .compose(document -> read(document.flowable().compose(DocumentPipeline.of(DocumentFormat.NDJSON, "text/plain")))
            .recover(failure -> failure instanceof CorruptGzipException ? Future.succeededFuture() : Future.failedFuture(failure)))
        .compose(v -> connectionClosed.future()))
        .onComplete(ctx.succeedingThenComplete());
  }
}
