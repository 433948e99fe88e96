package io.spgate.simulator.faults;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The failure modes in force, switchable at start and at run time (POST /_sim/faults). Every field is read on each
 * request, so a change applies to the next call.
 */
public final class FaultSettings {
  private volatile double faultRate;
  private volatile long addedLatencyMillis;
  private volatile Instant lwaOutageUntil = Instant.MIN;
  private volatile boolean lwaOutageHangs;
  private volatile Instant throttleStormUntil = Instant.MIN;
  private volatile boolean doubleGzipDocuments;
  private volatile boolean compressionAlgorithmMissing;
  private volatile boolean feedsStuckInProgress;
  private volatile boolean restrictedDataTokensRefused;
  /** Per operationId, how many of its next calls are carried out and then lose their answer. */
  private final Map<String, AtomicInteger> answersToLose = new ConcurrentHashMap<>();

  public FaultSettings(double faultRate) {
    this.faultRate = faultRate;
  }

  /** Fraction of SP-API calls answered with a 500, a 503, a slow response or a reset connection. */
  public double faultRate() {
    return faultRate;
  }

  public void setFaultRate(double faultRate) {
    if (faultRate < 0 || faultRate > 1) {
      throw new IllegalArgumentException("fault rate must be between 0 and 1");
    }
    this.faultRate = faultRate;
  }

  /** Latency added to every SP-API call. */
  public long addedLatencyMillis() {
    return addedLatencyMillis;
  }

  public void setAddedLatencyMillis(long addedLatencyMillis) {
    this.addedLatencyMillis = Math.max(0, addedLatencyMillis);
  }

  public boolean lwaDownAt(Instant now) {
    return now.isBefore(lwaOutageUntil);
  }

  public Instant lwaOutageUntil() {
    return lwaOutageUntil;
  }

  /** While down, LWA answers 503, or with {@code hang} holds the request unanswered until the outage ends. */
  public void lwaOutage(Instant until, boolean hang) {
    this.lwaOutageHangs = hang;
    this.lwaOutageUntil = until;
  }

  public boolean lwaOutageHangs() {
    return lwaOutageHangs;
  }

  /** A 429 storm: every SP-API call is throttled until then, whatever its bucket holds. */
  public boolean throttleStormAt(Instant now) {
    return now.isBefore(throttleStormUntil);
  }

  public void throttleStorm(Instant until) {
    this.throttleStormUntil = until;
  }

  /** The double-decompression trap: documents also carry Content-Encoding: gzip on top of compressionAlgorithm GZIP. */
  public boolean doubleGzipDocuments() {
    return doubleGzipDocuments;
  }

  public void setDoubleGzipDocuments(boolean doubleGzipDocuments) {
    this.doubleGzipDocuments = doubleGzipDocuments;
  }

  /** getReportDocument leaves out compressionAlgorithm although the document is gzip-compressed, as Amazon sometimes has. */
  public boolean compressionAlgorithmMissing() {
    return compressionAlgorithmMissing;
  }

  public void setCompressionAlgorithmMissing(boolean compressionAlgorithmMissing) {
    this.compressionAlgorithmMissing = compressionAlgorithmMissing;
  }

  /** New feeds never leave IN_PROGRESS. */
  public boolean feedsStuckInProgress() {
    return feedsStuckInProgress;
  }

  public void setFeedsStuckInProgress(boolean feedsStuckInProgress) {
    this.feedsStuckInProgress = feedsStuckInProgress;
  }

  /** createRestrictedDataToken answers 403 Unauthorized, as for an application that lacks the role for the data. */
  public boolean restrictedDataTokensRefused() {
    return restrictedDataTokensRefused;
  }

  public void setRestrictedDataTokensRefused(boolean restrictedDataTokensRefused) {
    this.restrictedDataTokensRefused = restrictedDataTokensRefused;
  }

  /**
   * The next {@code count} calls of the operation are carried out, and then their answer is lost: the connection closes
   * unanswered, as when Amazon's answer never reaches the caller. The caller cannot tell whether the call took effect.
   */
  public void loseAnswers(String operationId, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("lostAnswers counts must be 0 or more");
    }
    answersToLose.put(operationId, new AtomicInteger(count));
  }

  /** Whether this call of the operation loses its answer (counting it off). */
  public boolean takeLostAnswer(String operationId) {
    AtomicInteger left = answersToLose.get(operationId);
    return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  public JsonObject toJson(Instant now) {
    return new JsonObject()
        .put("faultRate", faultRate)
        .put("latencyMillis", addedLatencyMillis)
        .put("lwaOutageSeconds", secondsLeft(lwaOutageUntil, now))
        .put("lwaOutageHangs", lwaOutageHangs)
        .put("throttleStormSeconds", secondsLeft(throttleStormUntil, now))
        .put("doubleGzipDocuments", doubleGzipDocuments)
        .put("compressionAlgorithmMissing", compressionAlgorithmMissing)
        .put("feedsStuckInProgress", feedsStuckInProgress)
        .put("restrictedDataTokensRefused", restrictedDataTokensRefused)
        .put("lostAnswers", lostAnswers());
  }

  /** Applies the fields present in {@code json}; windows are given in seconds from now. */
  public void apply(JsonObject json, Instant now) {
    if (json.containsKey("faultRate")) {
      setFaultRate(json.getDouble("faultRate"));
    }
    if (json.containsKey("latencyMillis")) {
      setAddedLatencyMillis(json.getLong("latencyMillis"));
    }
    if (json.containsKey("lwaOutageSeconds")) {
      lwaOutage(now.plusMillis(Math.round(json.getDouble("lwaOutageSeconds") * 1000)), json.getBoolean("lwaOutageHangs", false));
    }
    if (json.containsKey("throttleStormSeconds")) {
      throttleStorm(now.plusMillis(Math.round(json.getDouble("throttleStormSeconds") * 1000)));
    }
    if (json.containsKey("doubleGzipDocuments")) {
      setDoubleGzipDocuments(json.getBoolean("doubleGzipDocuments"));
    }
    if (json.containsKey("compressionAlgorithmMissing")) {
      setCompressionAlgorithmMissing(json.getBoolean("compressionAlgorithmMissing"));
    }
    if (json.containsKey("feedsStuckInProgress")) {
      setFeedsStuckInProgress(json.getBoolean("feedsStuckInProgress"));
    }
    if (json.containsKey("restrictedDataTokensRefused")) {
      setRestrictedDataTokensRefused(json.getBoolean("restrictedDataTokensRefused"));
    }
    if (json.containsKey("lostAnswers")) {
      json.getJsonObject("lostAnswers").forEach(entry -> loseAnswers(entry.getKey(), ((Number) entry.getValue()).intValue()));
    }
  }

  private JsonObject lostAnswers() {
    JsonObject left = new JsonObject();
    answersToLose.forEach((operationId, count) -> left.put(operationId, count.get()));
    return left;
  }

  private static double secondsLeft(Instant until, Instant now) {
    return now.isBefore(until) ? (until.toEpochMilli() - now.toEpochMilli()) / 1000.0 : 0;
  }
}
