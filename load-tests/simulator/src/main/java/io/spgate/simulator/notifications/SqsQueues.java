package io.spgate.simulator.notifications;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends messages to an SQS-compatible endpoint with the SQS query protocol. A destination's ARN names the queue;
 * its URL is looked up by name (GetQueueUrl), or the queue is created if it is missing, then cached.
 */
public final class SqsQueues {
  private static final Pattern ARN = Pattern.compile("^arn:aws:sqs:[^:]+:[^:]+:(.+)$");
  private static final Pattern QUEUE_URL = Pattern.compile("<QueueUrl>([^<]+)</QueueUrl>");

  private final HttpClient client;
  private final String endpoint;
  private final ConcurrentHashMap<String, Future<String>> queueUrls = new ConcurrentHashMap<>();

  public SqsQueues(HttpClient client, String endpoint) {
    this.client = client;
    this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
  }

  public static String queueName(String arn) {
    return firstGroup(ARN, arn, "not an SQS queue ARN: ");
  }

  public Future<Void> send(String arn, String messageBody) {
    return queueUrl(queueName(arn)).compose(url -> call(url, "Action=SendMessage&MessageBody=" + encode(messageBody))).mapEmpty();
  }

  public Future<String> queueUrl(String queueName) {
    Future<String> url = queueUrls.computeIfAbsent(queueName, name -> call(endpoint + "/", "Action=GetQueueUrl&QueueName=" + encode(name))
        .recover(missing -> call(endpoint + "/", "Action=CreateQueue&QueueName=" + encode(name)))
        .map(SqsQueues::extractQueueUrl));
    // A failed lookup is not remembered: the queue may be created later.
    return url.onFailure(e -> queueUrls.remove(queueName, url));
  }

  private static String extractQueueUrl(String xml) {
    return firstGroup(QUEUE_URL, xml, "no QueueUrl in SQS answer: ");
  }

  private static String firstGroup(Pattern pattern, String text, String problem) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException(problem + text);
    }
    return m.group(1);
  }

  private Future<String> call(String url, String form) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
        .putHeader("content-type", "application/x-www-form-urlencoded; charset=utf-8");
    return client.request(options)
        .compose(req -> req.send(Buffer.buffer(form + "&Version=2012-11-05")))
        .compose(resp -> resp.body().compose(body -> resp.statusCode() == 200
            ? Future.succeededFuture(body.toString())
            : Future.failedFuture("SQS answered " + resp.statusCode() + ": " + body)));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
