package io.spgate.notifications;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.internal.VertxInternal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Reads Amazon's notifications off the SQS queue: long polls on a worker thread of its own (the SDK's client blocks),
 * takes each message through the {@link NotificationIntake} and deletes it only once its effect is stored. A message
 * whose effect fails stays on the queue and comes back after its visibility timeout; after {@code maxReceives} it is
 * dead-lettered (stored with its error) and deleted. Every instance may consume the same queue: SQS hands a message to
 * one receiver at a time, and the intake acts on a NotificationId once.
 */
public final class NotificationQueue {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationQueue.class);
  private static final int BATCH = 10;
  private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(2);

  private final Vertx vertx;
  private final SqsClient sqs;
  private final String queueUrl;
  private final NotificationIntake intake;
  private final DeadLetters deadLetters;
  private final NotificationMetrics metrics;
  private final int maxReceives;
  private final Duration wait;
  private WorkerExecutor worker;
  private Context context;
  private volatile boolean running;
  /** The messages of the last receive, until each was taken (or left for SQS to show again). */
  private Future<?> inHand = Future.succeededFuture();
  private long failuresInARow;

  /**
   * @param maxReceives how many times a message may come without taking effect before it is dead-lettered
   * @param wait how long one receive waits for messages (SQS long polling, at most 20 s)
   */
  public NotificationQueue(Vertx vertx, SqsClient sqs, String queueUrl, NotificationIntake intake, DeadLetters deadLetters,
      NotificationMetrics metrics, int maxReceives, Duration wait) {
    this.vertx = vertx;
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.intake = intake;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.maxReceives = maxReceives;
    this.wait = wait;
  }

  public void start() {
    running = true;
    worker = vertx.createSharedWorkerExecutor("spgate-notifications-queue", 1, 2 * wait.toSeconds() + 30, TimeUnit.SECONDS);
    context = vertx.getOrCreateContext();
    // Stops with Vert.x: no receive after it, and the client's connections closed.
    ((VertxInternal) vertx).addCloseHook(completion -> {
      running = false;
      sqs.close();
      completion.succeed();
    });
    context.runOnContext(v -> receive());
  }

  /**
   * Receives no more; completes when the messages in hand were taken. A long poll under way is not waited for: what it
   * brings after the instance closed stays on the queue and comes back after its visibility timeout.
   */
  public Future<Void> stop() {
    if (context == null) {
      return Future.succeededFuture();
    }
    running = false;
    Promise<Void> ended = Promise.promise();
    context.runOnContext(v -> inHand.onComplete(done -> ended.complete()));
    return ended.future();
  }

  private void receive() {
    if (!running) {
      return;
    }
    worker.executeBlocking(() -> sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(BATCH)
            .waitTimeSeconds((int) wait.toSeconds()).messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
            .messages(), false)
        .compose(messages -> {
          inHand = Future.join(messages.stream().map(this::handle).toList());
          return inHand.map(messages.size());
        })
        .onComplete(done -> {
          if (done.succeeded()) {
            failuresInARow = 0;
            receive();
            return;
          }
          if (!running) {
            return;
          }
          metrics.receiveFailed();
          if (failuresInARow++ == 0 || failuresInARow % 30 == 0) {
            LOG.warn("The notifications queue could not be read ({} times in a row): {}", failuresInARow, done.cause().toString());
          }
          vertx.setTimer(PAUSE_AFTER_FAILURE.toMillis(), id -> context.runOnContext(v -> receive()));
        });
  }

  private Future<Void> handle(Message message) {
    int receives = receiveCount(message);
    Notification notification;
    try {
      notification = Notification.parse(message.body());
    } catch (Notification.Unreadable e) {
      metrics.deadLettered("unreadable");
      return deadLetters.add(Optional.empty(), message.body(), e.getMessage(), receives, Optional.empty()).compose(v -> delete(message));
    }
    return intake.take(notification).<Void>mapEmpty().compose(v -> delete(message), failure -> {
      metrics.failed(notification.type());
      if (receives < maxReceives) {
        // Left on the queue: SQS shows it again after its visibility timeout.
        LOG.info("{} notification {} did not take effect (receive {} of {}): {}", notification.type(), notification.notificationId(),
            receives, maxReceives, failure.toString());
        return Future.succeededFuture();
      }
      metrics.deadLettered(notification.type());
      LOG.warn("{} notification {} dead-lettered after {} receives: {}", notification.type(), notification.notificationId(), receives,
          failure.toString());
      return deadLetters.add(Optional.of(notification), message.body(), failure.toString(), receives, sellingPartner(notification))
          .compose(v -> delete(message));
    });
  }

  private Future<Void> delete(Message message) {
    return worker.executeBlocking(() -> sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle())), false)
        .mapEmpty();
  }

  private static int receiveCount(Message message) {
    String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
    try {
      return count == null ? 1 : Integer.parseInt(count);
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** The seller a notification is about, wherever its type keeps it ({@code Payload.*.SellerId}). */
  static Optional<String> sellingPartner(Notification notification) {
    for (String name : notification.payload().fieldNames()) {
      Optional<String> id = Notification.object(notification.payload(), name).flatMap(inner -> Notification.string(inner, "sellerId"));
      if (id.isPresent()) {
        return id;
      }
    }
    return Notification.string(notification.payload(), "sellerId");
  }
}
