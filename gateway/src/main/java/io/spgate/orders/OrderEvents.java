package io.spgate.orders;

import io.spgate.events.EventTypes;
import io.spgate.events.NewEvent;
import io.spgate.events.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;

/** An order's events: created, changed, or shipped (a change into the shipped state), each carrying the order as stored. */
final class OrderEvents {

  static final String RESOURCE = "order";

  private final Outbox outbox;

  OrderEvents(Outbox outbox) {
    this.outbox = outbox;
  }

  /** In the transaction that stored the change; the outbox's append comes last, as it asks. */
  Future<Void> append(SqlClient tx, OrderStore.Stored stored) {
    Order order = stored.order().orElseThrow();
    String shipped = OrderStatus.SHIPPED.value();
    String type = stored.change() == OrderStore.Change.CREATED ? EventTypes.ORDER_CREATED
        : shipped.equals(order.status()) && !stored.previousStatus().orElse("").equals(shipped) ? EventTypes.ORDER_SHIPPED
        : EventTypes.ORDER_CHANGED;
    return outbox.append(tx, List.of(new NewEvent(order.tenantId(), type, RESOURCE, order.id().toString(), order.toJson())));
  }
}
