package io.spgate.reports.document;

import io.reactivex.rxjava3.core.Flowable;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.streams.ReadStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * S3's answer with a document (200, or 206 for a range): its status, the headers that describe the
 * body, and the body still to read. The body is paused: it flows once the caller reads it, at the
 * caller's pace, and {@link #cancel} stops it at once.
 */
public final class DocumentResponse {

  /** The headers of S3's answer a caller may need: what the body is, how long, which part. */
  public static final List<String> RELAYED_HEADERS = List.of("content-type", "content-length", "content-range", "accept-ranges",
      "content-encoding");

  private final DocumentLink link;
  private final HttpClientResponse response;
  private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
  private boolean completed;

  DocumentResponse(DocumentLink link, HttpClientResponse response) {
    this.link = link;
    this.response = response;
    RELAYED_HEADERS.forEach(name -> {
      String value = response.getHeader(name);
      if (value != null) {
        headers.set(name, value);
      }
    });
  }

  /** The link the document came from (a fresh one if the first had expired). */
  public DocumentLink link() {
    return link;
  }

  public int status() {
    return response.statusCode();
  }

  /** Only the {@link #RELAYED_HEADERS} S3 sent. */
  public MultiMap headers() {
    return headers;
  }

  public Optional<String> contentType() {
    return Optional.ofNullable(headers.get("content-type"));
  }

  public OptionalLong contentLength() {
    try {
      String length = headers.get("content-length");
      return length == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(length.trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** The body as S3 sent it (never decompressed here), paused. */
  public ReadStream<Buffer> body() {
    return response;
  }

  /**
   * The body as a Flowable read as it is requested. A stream that ends early (the caller cancelled,
   * or a stage failed) closes the connection to S3, so nothing more is transferred.
   */
  public Flowable<Buffer> flowable() {
    return DocumentStreams.flowable(response)
        .doOnComplete(() -> completed = true)
        .doFinally(() -> {
          if (!completed) {
            cancel();
          }
        });
  }

  /** Stops the transfer at once: the connection to S3 is closed (an HTTP/2 stream is reset), so nothing more of the body comes. */
  public void cancel() {
    stop(response);
  }

  /**
   * Resetting an HTTP/1.1 request leaves Vert.x reading the rest of the body to keep the connection,
   * which for a document is the transfer itself; closing the connection ends it.
   */
  static void stop(HttpClientResponse response) {
    // Whatever handler read the body is done with it; the failure the close raises is the expected one.
    response.exceptionHandler(failure -> { });
    if (response.version() == HttpVersion.HTTP_2) {
      response.request().reset();
    } else {
      response.request().connection().close();
    }
  }
}
