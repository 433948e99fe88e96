package io.spgate.webhooks;

import io.spgate.http.ApiException;
import io.spgate.http.BoundedBody;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One POST of an event to an endpoint, to the address that was checked, bounded in time: the
 * connection within the timeout, then the exchange (send, answer) within it as a whole. Of the
 * answer only the status and a short snippet of the body are kept: the receiver's body is theirs,
 * and a large one is cut off, not read.
 */
final class WebhookSender {

  static final int SNIPPET_BYTES = 256;
  static final String USER_AGENT = "spgate-webhooks/0.1";
  /** Connections kept to one receiver: a round sends its deliveries at once. */
  private static final int CONNECTIONS_PER_HOST = 8;

  /** What came of an attempt: a status code, or an error saying why there is none. */
  record Answer(Optional<Integer> statusCode, Optional<String> error, long millis, Optional<String> snippet) {
    boolean delivered() {
      return statusCode.filter(s -> s >= 200 && s < 300).isPresent();
    }

    static Answer failed(String error, long millis) {
      return new Answer(Optional.empty(), Optional.of(error), millis, Optional.empty());
    }
  }

  private final Vertx vertx;
  private final HttpClient client;
  private final Duration timeout;

  WebhookSender(Vertx vertx, Duration timeout) {
    this.vertx = vertx;
    this.timeout = timeout;
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setVerifyHost(true)
            .setConnectTimeout((int) timeout.toMillis()).setDecompressionSupported(false),
        new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_HOST));
  }

  Future<Answer> send(URI url, InetAddress address, MultiMap headers, Buffer body) {
    long start = System.nanoTime();
    boolean https = url.getScheme().equalsIgnoreCase("https");
    int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
    String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
    // Host header, SNI and the certificate check use the URL's host; the connection goes to the address checked.
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
        .setHost(host).setPort(port).setSsl(https)
        .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
        .setURI(pathAndQuery(url))
        .setHeaders(headers)
        .setFollowRedirects(false)
        .setConnectTimeout(timeout.toMillis());
    Promise<Answer> answered = Promise.promise();
    // The connection (or a pooled one) comes within the connect timeout; from then on the exchange has the timeout as a whole.
    client.request(options)
        .compose(request -> {
          long deadline = vertx.setTimer(timeout.toMillis(), id -> {
            if (answered.tryFail(new TimeoutException())) {
              stop(request);
            }
          });
          answered.future().onComplete(done -> vertx.cancelTimer(deadline));
          // A failure reaches us through send()'s future; unhandled here, Vert.x would log it too.
          request.exceptionHandler(failure -> { });
          return request.send(body);
        })
        .compose(response -> BoundedBody.readAtMost(response, SNIPPET_BYTES, r -> stop(r.request())).map(snippet -> new Answer(Optional.of(response.statusCode()),
            Optional.empty(), 0, snippet.length() == 0 ? Optional.empty() : Optional.of(printable(snippet)))))
        .onComplete(done -> {
          if (done.succeeded()) {
            answered.tryComplete(done.result());
          } else {
            answered.tryFail(done.cause());
          }
        });
    return answered.future().transform(done -> {
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      if (done.failed()) {
        return Future.succeededFuture(Answer.failed(describe(done.cause()), millis));
      }
      Answer answer = done.result();
      return Future.succeededFuture(new Answer(answer.statusCode(), answer.error(), millis, answer.snippet()));
    });
  }

  /** Why an attempt got no status, in words fit for the tenant: no stack, no internals. */
  String describe(Throwable failure) {
    if (failure instanceof TimeoutException) {
      return "No answer within " + timeout.toSeconds() + " s.";
    }
    if (failure instanceof WebhookTargets.RefusedTarget) {
      return failure.getMessage();
    }
    if (failure instanceof ApiException refused) {
      return refused.problem().detail();
    }
    String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return truncate((failure instanceof javax.net.ssl.SSLException ? "TLS: " : "") + message, 300);
  }

  /** Ends a request still going: closing its connection is what stops an HTTP/1.1 transfer. */
  private static void stop(HttpClientRequest request) {
    // Whatever fails on the close (the response being read) fails a future already settled.
    HttpConnection connection = request.connection();
    if (connection != null) {
      connection.close();
    } else {
      request.reset();
    }
  }

  private static String printable(Buffer snippet) {
    return new String(snippet.getBytes(), StandardCharsets.UTF_8).replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "?");
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }

  private static String pathAndQuery(URI url) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
  }

  Future<Void> close() {
    return client.close();
  }
}
