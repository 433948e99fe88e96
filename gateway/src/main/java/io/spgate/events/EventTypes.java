package io.spgate.events;

import java.util.List;

/** Every event type spgate emits; a webhook endpoint subscribes to some of them or to all ("*"). */
public final class EventTypes {

  public static final String ORDER_CREATED = "order.created";
  public static final String ORDER_CHANGED = "order.changed";
  public static final String ORDER_SHIPPED = "order.shipped";
  public static final String JOB_FINISHED = "job.finished";
  public static final String REPORT_READY = "report.ready";
  public static final String SELLER_REAUTHORIZATION_REQUIRED = "seller.reauthorization_required";
  public static final String LISTING_STATUS_CHANGED = "listing.status_changed";
  public static final String OFFER_CHANGED = "offer.changed";
  public static final String WEBHOOK_ENDPOINT_DISABLED = "webhook_endpoint.disabled";
  /** Sent to one endpoint on request (POST /v1/webhooks/{id}/test); "*" does not include it. */
  public static final String TEST = "test";

  /** An endpoint's subscription to every type but {@link #TEST}. */
  public static final String ALL_TYPES = "*";

  public static final List<String> ALL = List.of(ORDER_CREATED, ORDER_CHANGED, ORDER_SHIPPED, JOB_FINISHED, REPORT_READY,
      SELLER_REAUTHORIZATION_REQUIRED, LISTING_STATUS_CHANGED, OFFER_CHANGED, WEBHOOK_ENDPOINT_DISABLED, TEST);

  private EventTypes() {}
}
