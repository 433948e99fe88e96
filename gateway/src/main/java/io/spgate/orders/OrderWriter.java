package io.spgate.orders;

import io.spgate.seller.Seller;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.function.Function;

/**
 * Stores a state Amazon showed of an order and, when it really changed the order, its event, in one transaction
 * (the outbox): a tenant hears of every change once it is stored, and of nothing that was not.
 */
final class OrderWriter {

  private final OrderStore orders;
  private final OrderEvents events;
  private final OrderMetrics metrics;

  OrderWriter(OrderStore orders, OrderEvents events, OrderMetrics metrics) {
    this.orders = orders;
    this.events = events;
    this.metrics = metrics;
  }

  /** @param alsoInTx more work of the same transaction (a fetch marked done) */
  Future<OrderStore.Change> write(Seller seller, AmazonOrder order, Function<SqlConnection, Future<Void>> alsoInTx) {
    // The event goes last: the outbox holds a lock per tenant until the transaction ends.
    return orders.pool().withTransaction(tx -> orders.upsert(tx, seller, order)
        .compose(stored -> alsoInTx.apply(tx)
            .compose(v -> stored.change().raisesEvent() ? events.append(tx, stored) : Future.<Void>succeededFuture())
            .map(stored.change())))
        .onSuccess(metrics::stored);
  }
}
