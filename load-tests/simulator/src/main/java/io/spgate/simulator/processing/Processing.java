package io.spgate.simulator.processing;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Where a feed or a report is in Amazon's processing: IN_QUEUE → IN_PROGRESS → DONE or FATAL, or CANCELLED while
 * still queued. Transitions are atomic, so a cancel racing the processing timer has one winner.
 */
public final class Processing {
  private String status = "IN_QUEUE";
  private Instant startTime;
  private Instant endTime;
  private String documentId;

  /** A run that ended before the simulator started: Amazon's own reports, found already DONE. */
  public static Processing finished(String finalStatus, String resultDocumentId, Instant startTime, Instant endTime) {
    Processing processing = new Processing();
    processing.status = finalStatus;
    processing.documentId = resultDocumentId;
    processing.startTime = startTime;
    processing.endTime = endTime;
    return processing;
  }

  public synchronized String status() {
    return status;
  }

  public synchronized String documentId() {
    return documentId;
  }

  public synchronized boolean start(Instant now) {
    if (!"IN_QUEUE".equals(status)) {
      return false;
    }
    status = "IN_PROGRESS";
    startTime = now;
    return true;
  }

  public synchronized boolean finish(String finalStatus, String resultDocumentId, Instant now) {
    if (!"IN_PROGRESS".equals(status)) {
      return false;
    }
    status = finalStatus;
    documentId = resultDocumentId;
    endTime = now;
    return true;
  }

  public synchronized boolean cancel(Instant now) {
    if (!"IN_QUEUE".equals(status)) {
      return false;
    }
    status = "CANCELLED";
    endTime = now;
    return true;
  }

  /** Adds processingStatus, the processing times and the result document (under {@code documentField}) to {@code json}. */
  public synchronized JsonObject addTo(JsonObject json, String documentField) {
    json.put("processingStatus", status);
    if (startTime != null) {
      json.put("processingStartTime", startTime.toString());
    }
    if (endTime != null) {
      json.put("processingEndTime", endTime.toString());
    }
    if (documentId != null) {
      json.put(documentField, documentId);
    }
    return json;
  }
}
