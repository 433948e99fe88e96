package io.spgate.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the HTTP server refuses before, or around, any route, so that nothing a caller sends goes
 * unanswered or answers with an empty body: requests that are not HTTP/1.1 it can read, bodies
 * that break off (a bad chunk), a Host with a percent sign (which Vert.x 5.0.7 fails on while
 * routing), percent-escapes Vert.x Web cannot decode, and exceptions that escape routing. A caller
 * that hangs up is not an error.
 */
public final class RequestGuard {

  private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);

  private RequestGuard() {}

  /**
   * The server's invalid-request handler: for a request line or header Netty could not read (too
   * long, two lengths, a broken line). What follows on the connection cannot be trusted, so it
   * closes after the answer.
   */
  public static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    Problem problem = cause instanceof TooLongHttpLineException ? ProblemResponses.refusal(414, request)
        : cause instanceof TooLongHttpHeaderException ? ProblemResponses.refusal(431, request)
        : Problem.badRequest("malformed_request", "The request is not well-formed HTTP/1.1.");
    // Vert.x raises the decoder's failure on the connection once the answer is written; it was answered.
    request.connection().exceptionHandler(failure -> LOG.debug("Refused a malformed request: {}", String.valueOf(failure)));
    closeAfter(request, problem);
  }

  /** The server's request handler around {@code next}: every request is answered, whatever fails under it. */
  public static Handler<HttpServerRequest> around(Handler<HttpServerRequest> next) {
    return request -> {
      request.connection().exceptionHandler(failure -> connectionFailed(request, failure));
      String host = request.getHeader(HttpHeaders.HOST);
      if (host != null && host.indexOf('%') >= 0) {
        ProblemResponses.send(request.response(), RequestId.of(request),
            Problem.badRequest("invalid_host", "The Host header is not a host name."));
        return;
      }
      if (!chunkedLast(request.headers().getAll(HttpHeaders.TRANSFER_ENCODING))) {
        // RFC 9112 6.3: a body whose last coding is not chunked has no length to read it by.
        closeAfter(request, Problem.badRequest("malformed_request", "A Transfer-Encoding must end with chunked."));
        return;
      }
      try {
        next.handle(request);
      } catch (RuntimeException e) {
        ProblemResponses.answer(request, RequestId.of(request), e);
      }
    };
  }

  /**
   * The Router's first handler: Vert.x Web decodes the path and query as it routes and fails on a
   * '%' not followed by two hex digits, so such a request is refused before; so is an encoded
   * control character, which no parameter of the API takes (and Postgres cannot store a NUL).
   */
  public static void decodable(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!wellEscaped(request.path())) {
      throw new ApiException(Problem.badRequest("invalid_path", "The path has a '%' that is not followed by two hex digits, "
          + "or an encoded control character."));
    }
    String query = request.query();
    if (query != null && !wellEscaped(query)) {
      throw new ApiException(Problem.badRequest("invalid_query", "The query has a '%' that is not followed by two hex digits, "
          + "or an encoded control character."));
    }
    ctx.next();
  }

  private static boolean chunkedLast(List<String> transferEncodings) {
    if (transferEncodings.isEmpty()) {
      return true;
    }
    String codings = transferEncodings.get(transferEncodings.size() - 1);
    return codings.substring(codings.lastIndexOf(',') + 1).trim().equalsIgnoreCase("chunked");
  }

  /** Whether every '%' in the text starts a percent-escape (two hex digits) of a character that is not a control character. */
  static boolean wellEscaped(String text) {
    for (int at = text.indexOf('%'); at >= 0; at = text.indexOf('%', at + 3)) {
      int high = at + 2 < text.length() ? Character.digit(text.charAt(at + 1), 16) : -1;
      int low = high < 0 ? -1 : Character.digit(text.charAt(at + 2), 16);
      if (low < 0 || high < 2 || (high == 7 && low == 15)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The connection failed under a request: the caller hung up, or the body broke off (a bad chunk
   * size), which is answered before Vert.x closes the connection; nothing else can be read on it.
   */
  private static void connectionFailed(HttpServerRequest request, Throwable failure) {
    if (ProblemResponses.connectionLost(failure)) {
      LOG.debug("The caller of {} {} hung up: {}", request.method(), request.path(), String.valueOf(failure));
      return;
    }
    LOG.debug("The body of {} {} broke off: {}", request.method(), request.path(), String.valueOf(failure));
    if (request.response().headWritten()) {
      // Answered already (perhaps not yet flushed, when the answer came while the body was being read): closing through
      // Vert.x sends what was written before the connection goes.
      request.connection().close();
    } else {
      closeAfter(request, Problem.badRequest("malformed_body", "The request body is not well-formed HTTP/1.1 (a broken chunk)."));
    }
  }

  /** Answers with the problem and closes the connection once the answer is out. */
  private static void closeAfter(HttpServerRequest request, Problem problem) {
    request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    ProblemResponses.send(request.response(), RequestId.of(request), problem);
    request.connection().close();
  }
}
