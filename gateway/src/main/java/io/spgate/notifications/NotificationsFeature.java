package io.spgate.notifications;

import io.micrometer.core.instrument.MeterRegistry;
import io.spgate.http.Feature;
import io.spgate.seller.SellerStore;
import io.spgate.spapi.SpApiClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * Amazon's notifications: read off the SQS queue by every instance, each acted on once (by NotificationId, in one
 * transaction with its effect), the ones that keep failing kept as dead letters that can be replayed.
 */
public final class NotificationsFeature implements Feature {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationsFeature.class);
  /** A message whose effect failed this often goes to the dead letters. */
  private static final int MAX_RECEIVES = 5;
  private static final Duration RECEIVE_WAIT = Duration.ofSeconds(5);
  private static final Duration FORGET_EVERY = Duration.ofHours(1);

  private final Vertx vertx;
  private final NotificationIntake intake;
  private final Optional<NotificationQueue> queue;
  private final NotificationRoutes routes;

  /**
   * @param queueUrl the SQS queue to read; empty: none is read
   * @param effects what each notification type does (types without one are marked seen and ignored)
   */
  public NotificationsFeature(Vertx vertx, Pool pool, MeterRegistry registry, SellerStore sellers, SpApiClient spApi,
      Optional<URI> queueUrl, String region, Map<String, NotificationEffect> effects) {
    this.vertx = vertx;
    NotificationMetrics metrics = new NotificationMetrics(registry);
    DeadLetters deadLetters = new DeadLetters(pool);
    this.intake = new NotificationIntake(pool, effects, metrics);
    this.queue = queueUrl.map(url -> new NotificationQueue(vertx, sqsClient(url, region), url.toString(), intake, deadLetters, metrics,
        MAX_RECEIVES, RECEIVE_WAIT));
    this.routes = new NotificationRoutes(deadLetters, intake, sellers,
        queueUrl.map(url -> new NotificationSetup(pool, spApi, NotificationSetup.queueArn(url, region))));
  }

  /**
   * The SDK's client for the queue's endpoint: Amazon's with the default credentials chain, or an SQS-compatible server
   * (ElasticMQ in tests and the demo) at the URL's origin, unsigned.
   */
  public static SqsClient sqsClient(URI queueUrl, String region) {
    SqsClientBuilder builder = SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
    String host = queueUrl.getHost();
    if (host.endsWith(".amazonaws.com")) {
      String[] labels = host.split("\\.");
      return builder.region(Region.of(labels.length > 3 ? labels[1] : region))
          .credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
    }
    return builder.region(Region.of(region)).endpointOverride(URI.create(queueUrl.getScheme() + "://" + queueUrl.getRawAuthority()))
        .credentialsProvider(AnonymousCredentialsProvider.create()).build();
  }

  @Override
  public void mountApi(Router v1) {
    routes.mount(v1);
  }

  @Override
  public Future<Void> startWorkers() {
    queue.ifPresent(NotificationQueue::start);
    vertx.setPeriodic(FORGET_EVERY.toMillis(), id -> intake.forgetOld()
        .onFailure(e -> LOG.warn("Old notification ids could not be forgotten: {}", e.getMessage())));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stopWorkers() {
    return queue.map(NotificationQueue::stop).orElseGet(Future::succeededFuture);
  }
}
