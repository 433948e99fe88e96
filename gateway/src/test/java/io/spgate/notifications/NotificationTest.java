package io.spgate.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class NotificationTest {

  @Test
  void should_read_pascal_and_camel_case_envelopes_alike() {
    String pascal = new JsonObject().put("NotificationVersion", "1.0").put("NotificationType", "ORDER_CHANGE")
        .put("NotificationMetadata", new JsonObject().put("ApplicationId", "amzn1.app").put("NotificationId", "n-1"))
        .put("Payload", new JsonObject().put("OrderChangeNotification", new JsonObject().put("SellerId", "A1SELLER")))
        .encode();
    String camel = new JsonObject().put("notificationVersion", "2020-09-04").put("notificationType", "FEED_PROCESSING_FINISHED")
        .put("notificationMetadata", new JsonObject().put("applicationId", "amzn1.app").put("notificationId", "n-2"))
        .put("payload", new JsonObject().put("feedProcessingFinishedNotification", new JsonObject().put("sellerId", "A1SELLER")))
        .encode();

    Notification order = Notification.parse(pascal);
    Notification feed = Notification.parse(camel);

    assertThat(order.type()).isEqualTo("ORDER_CHANGE");
    assertThat(order.notificationId()).isEqualTo("n-1");
    assertThat(order.applicationId()).contains("amzn1.app");
    assertThat(Notification.object(order.payload(), "orderChangeNotification").flatMap(o -> Notification.string(o, "sellerId")))
        .contains("A1SELLER");
    assertThat(feed.type()).isEqualTo("FEED_PROCESSING_FINISHED");
    assertThat(feed.notificationId()).isEqualTo("n-2");
    assertThat(NotificationQueue.sellingPartner(feed)).contains("A1SELLER");
    assertThat(NotificationQueue.sellingPartner(order)).contains("A1SELLER");
  }

  @Test
  void should_refuse_what_is_not_a_notification() {
    assertThatThrownBy(() -> Notification.parse("not json")).isInstanceOf(Notification.Unreadable.class);
    assertThatThrownBy(() -> Notification.parse("[1]")).isInstanceOf(Notification.Unreadable.class);
    assertThatThrownBy(() -> Notification.parse("{\"notificationType\":\"ORDER_CHANGE\",\"payload\":{}}"))
        .isInstanceOf(Notification.Unreadable.class).hasMessageContaining("notificationMetadata");
    assertThatThrownBy(() -> Notification.parse(
        "{\"NotificationType\":\"ORDER_CHANGE\",\"NotificationMetadata\":{},\"Payload\":{}}"))
        .isInstanceOf(Notification.Unreadable.class).hasMessageContaining("notificationId");
  }
}
