package io.spgate.orders;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spgate.MigratedDatabase;
import io.spgate.StoredSeller;
import io.spgate.events.Outbox;
import io.spgate.notifications.Notification;
import io.spgate.notifications.NotificationIntake;
import io.spgate.notifications.NotificationMetrics;
import io.spgate.seller.Seller;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Storing the states Amazon shows of an order: a newer state wins whatever order states come in, only real changes raise
 * events (in the same transaction), and one ORDER_CHANGE however often delivered asks for one read of the order.
 */
class OrderStoreIT {

  private static final String SELLING_PARTNER = "A1ORDERSELLER";
  private static final String AMAZON_APP = "amzn1.sp.solution.orders-test";

  private MigratedDatabase database;
  private Pool pool;
  private Seller seller;
  private OrderStore orders;
  private OrderWriter writer;

  @BeforeEach
  void start() {
    database = new MigratedDatabase();
    pool = database.pool;
    seller = StoredSeller.create(pool, SELLING_PARTNER, AMAZON_APP);
    orders = new OrderStore(pool);
    writer = new OrderWriter(orders, new OrderEvents(new Outbox()), new OrderMetrics(new SimpleMeterRegistry()));
  }

  @AfterEach
  void stop() {
    database.close();
  }

  @Test
  void should_keep_the_newest_state_and_raise_an_event_only_for_real_changes() {
    AmazonOrder created = order("UNSHIPPED", "2026-12-01T10:00:00Z", 1);
    AmazonOrder restamped = order("UNSHIPPED", "2026-12-01T10:05:00Z", 1);
    AmazonOrder shipped = order("SHIPPED", "2026-12-01T11:00:00Z", 1);
    AmazonOrder lateOlder = order("UNSHIPPED", "2026-12-01T10:30:00Z", 1);

    List<OrderStore.Change> changes = new ArrayList<>();
    for (AmazonOrder state : List.of(created, created, restamped, shipped, lateOlder, shipped)) {
      changes.add(await(writer.write(seller, state, tx -> io.vertx.core.Future.succeededFuture())));
    }

    assertThat(changes).containsExactly(OrderStore.Change.CREATED, OrderStore.Change.STALE, OrderStore.Change.RESTAMPED,
        OrderStore.Change.CHANGED, OrderStore.Change.STALE, OrderStore.Change.STALE);
    Order stored = await(orders.list(seller.tenantId(), new OrderStore.Filter(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty()), Optional.empty(), 10)).get(0);
    assertThat(stored.status()).isEqualTo("shipped");
    assertThat(stored.amazonUpdatedAt().toInstant()).isEqualTo(shipped.lastUpdatedAt());
    assertThat(stored.version()).isEqualTo(2);
    assertThat(events()).extracting(row -> row.getString("type")).containsExactly("order.created", "order.shipped");
    assertThat(events()).allSatisfy(row -> assertThat(row.getString("resource_id")).isEqualTo(stored.id().toString()));
  }

  @Test
  void should_ask_for_one_read_of_an_order_however_often_its_notification_comes() {
    OrderFetches fetches = new OrderFetches(pool);
    // No fetcher to wake in this test: the fetch rows are what it checks.
    NotificationIntake intake = new NotificationIntake(pool, Map.of("ORDER_CHANGE", new OrderChangeEffect(fetches, () -> { })),
        new NotificationMetrics(new SimpleMeterRegistry()));
    String message = orderChange("n-1", "111-0000000-0000001", "2026-12-01T10:00:00Z");
    String older = orderChange("n-2", "111-0000000-0000001", "2026-12-01T09:00:00Z");

    List<NotificationIntake.Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      outcomes.add(await(intake.take(Notification.parse(message))));
    }
    outcomes.add(await(intake.take(Notification.parse(older))));

    List<NotificationIntake.Outcome> expected = new ArrayList<>(List.of(NotificationIntake.Outcome.APPLIED));
    expected.addAll(java.util.Collections.nCopies(9, NotificationIntake.Outcome.DUPLICATE));
    expected.add(NotificationIntake.Outcome.APPLIED);
    assertThat(outcomes).containsExactlyElementsOf(expected);
    List<OrderFetches.Fetch> due = await(fetches.leaseDue(10, Duration.ofMinutes(1)));
    assertThat(due).singleElement().satisfies(fetch -> {
      assertThat(fetch.amazonOrderId()).isEqualTo("111-0000000-0000001");
      assertThat(fetch.sellerId()).isEqualTo(seller.id());
      assertThat(fetch.announcedAt().toInstant()).hasToString("2026-12-01T10:00:00Z");
    });
  }

  @Test
  void should_ask_for_no_read_when_the_stored_state_is_already_as_new_as_the_change() {
    await(writer.write(seller, order("UNSHIPPED", "2026-12-01T10:00:00Z", 1), tx -> io.vertx.core.Future.succeededFuture()));
    OrderFetches fetches = new OrderFetches(pool);

    int asked = await(pool.withTransaction(tx -> fetches.announce(tx, List.of(seller.id()), "111-0000000-0000001",
        OffsetDateTime.parse("2026-12-01T10:00:00Z"))));
    int newer = await(pool.withTransaction(tx -> fetches.announce(tx, List.of(seller.id()), "111-0000000-0000001",
        OffsetDateTime.parse("2026-12-01T10:00:01Z"))));

    assertThat(asked).isZero();
    assertThat(newer).isEqualTo(1);
  }

  private List<Row> events() {
    List<Row> rows = new ArrayList<>();
    await(pool.preparedQuery("SELECT * FROM events WHERE tenant_id = $1 ORDER BY id").execute(Tuple.of(seller.tenantId())))
        .forEach(rows::add);
    return rows;
  }

  private static AmazonOrder order(String status, String lastUpdated, int quantity) {
    JsonObject item = new JsonObject().put("orderItemId", "1").put("quantityOrdered", quantity)
        .put("product", new JsonObject().put("sellerSku", "SKU-1").put("asin", "B000000001")
            .put("price", new JsonObject().put("unitPrice", new JsonObject().put("amount", "9.99").put("currencyCode", "USD"))))
        .put("fulfillment", new JsonObject().put("quantityFulfilled", "SHIPPED".equals(status) ? quantity : 0));
    return AmazonOrder.parse(new JsonObject().put("orderId", "111-0000000-0000001").put("createdTime", "2026-12-01T09:59:00Z")
        .put("lastUpdatedTime", lastUpdated)
        .put("salesChannel", new JsonObject().put("channelName", "AMAZON").put("marketplaceId", "ATVPDKIKX0DER"))
        .put("fulfillment", new JsonObject().put("fulfillmentStatus", status).put("fulfilledBy", "MERCHANT"))
        .put("proceeds", new JsonObject().put("grandTotal", new JsonObject().put("amount", "9.99").put("currencyCode", "USD")))
        .put("orderItems", new JsonArray().add(item)));
  }

  private static String orderChange(String notificationId, String orderId, String changedAt) {
    return new JsonObject().put("NotificationVersion", "1.0").put("NotificationType", "ORDER_CHANGE").put("PayloadVersion", "1.0")
        .put("NotificationMetadata", new JsonObject().put("ApplicationId", AMAZON_APP).put("NotificationId", notificationId))
        .put("Payload", new JsonObject().put("OrderChangeNotification", new JsonObject().put("SellerId", SELLING_PARTNER)
            .put("AmazonOrderId", orderId).put("OrderChangeType", "OrderStatusChange")
            .put("OrderChangeTrigger", new JsonObject().put("TimeOfOrderChange", changedAt))))
        .encode();
  }
}
