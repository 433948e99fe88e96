package io.spgate.reports.document;

import io.spgate.http.BoundedBody;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Fetches a report document from its presigned S3 link. The link is checked ({@link DocumentHosts})
 * and fetched as checked: no redirect is followed. The body is asked for as it is stored
 * ({@code Accept-Encoding: identity}) and handed on undecompressed: the pipeline gunzips by the
 * bytes, exactly once, RAW downloads are Amazon's bytes, and a Range counts stored bytes. So the
 * caller's {@link HttpClient} must keep {@code setDecompressionSupported(false)} (Vert.x's default);
 * with it on, a document sent with {@code Content-Encoding: gzip} would arrive inflated.
 *
 * <p>Call it on the event loop that will read the body (a verticle's, as the gateway's routes do):
 * the response is paused as it arrives, and paused from another thread it could end first.
 *
 * <p>Links live five minutes: one that is known to be past its time (from its {@code X-Amz-Date} and
 * {@code X-Amz-Expires}), or that S3 refuses as expired, is replaced once by a fresh one from Amazon.
 */
public final class DocumentDownload {

  /** A link this close to its end is renewed before use: S3 checks expiry on its own clock. */
  static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);
  /** S3's error answers are small XML; more than this is not one, and is not read further. */
  static final int ERROR_BODY_LIMIT = 64 * 1024;

  private final HttpClient client;
  private final DocumentHosts hosts;
  private final Clock clock;

  public DocumentDownload(HttpClient client, DocumentHosts hosts) {
    this(client, hosts, Clock.systemUTC());
  }

  public DocumentDownload(HttpClient client, DocumentHosts hosts, Clock clock) {
    this.client = client;
    this.hosts = hosts;
    this.clock = clock;
  }

  /**
   * Fetches the document, the whole of it or the {@code range} (a Range header value, passed as is;
   * S3 answers 206). {@code links} asks Amazon for a link (getReportDocument), and is asked again at
   * most once. Fails with {@link DocumentUrlException}, {@link DocumentRedirectException} or
   * {@link DocumentStorageException}; answers a 2xx with its body paused.
   */
  public Future<DocumentResponse> fetch(Supplier<Future<DocumentLink>> links, Optional<String> range) {
    return links.get().compose(link -> {
      boolean expired = link.expiresAt().filter(end -> !clock.instant().plus(EXPIRY_MARGIN).isBefore(end)).isPresent();
      return expired ? links.get().compose(fresh -> fetch(fresh, range, Optional.empty())) : fetch(link, range, Optional.of(links));
    });
  }

  private Future<DocumentResponse> fetch(DocumentLink link, Optional<String> range, Optional<Supplier<Future<DocumentLink>>> renew) {
    URI uri;
    try {
      uri = hosts.check(link.url());
    } catch (DocumentUrlException e) {
      return Future.failedFuture(e);
    }
    // Host, port and path from the URI as checked, so no second parser reads the URL differently.
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
        .setHost(uri.getHost()).setPort(DocumentHosts.port(uri)).setSsl(uri.getScheme().equalsIgnoreCase("https"))
        .setURI(pathAndQuery(uri))
        .setFollowRedirects(false)
        .putHeader(HttpHeaders.ACCEPT_ENCODING, HttpHeaders.IDENTITY);
    range.ifPresent(value -> options.putHeader("range", value));
    return client.request(options)
        .compose(request -> {
          // A failure reaches us through send()'s future; unhandled here, Vert.x would log it too.
          request.exceptionHandler(failure -> { });
          return request.send();
        })
        .compose(response -> {
          // Whoever takes the document reads its body; until then it must not flow.
          response.pause();
          return answer(link, response, range, renew);
        });
  }

  private Future<DocumentResponse> answer(DocumentLink link, HttpClientResponse response, Optional<String> range,
      Optional<Supplier<Future<DocumentLink>>> renew) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return Future.succeededFuture(new DocumentResponse(link, response));
    }
    if (status >= 300 && status < 400) {
      String location = response.getHeader(HttpHeaders.LOCATION);
      return BoundedBody.readAtMost(response, ERROR_BODY_LIMIT, DocumentResponse::stop).transform(read ->
          Future.failedFuture(new DocumentRedirectException(status, Optional.ofNullable(location))));
    }
    Optional<String> requestId = Optional.ofNullable(response.getHeader("x-amz-request-id"));
    return BoundedBody.readAtMost(response, ERROR_BODY_LIMIT, DocumentResponse::stop).compose(body -> {
      DocumentStorageException error = DocumentStorageException.of(status, body, requestId);
      if (error.isExpiredLink() && renew.isPresent()) {
        return renew.get().get().compose(fresh -> fetch(fresh, range, Optional.empty()));
      }
      return Future.failedFuture(error);
    });
  }

  private static String pathAndQuery(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }
}
