package io.spgate.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A tenant's webhook receiver as the README tells one to write it: checks {@code Spgate-Signature} (HMAC-SHA256 of
 * {@code t + "." + body} with the endpoint's secret, on its own, not with the gateway's code), answers 200 at once, and
 * keeps what a bench checks: each order's states in the order their events arrived, and the event ids seen. Its
 * handler runs on its server's event loop; readers on other threads synchronize on it.
 */
final class WebhookReceiver {

  /** One order's state as an event carried it, and when the event first arrived. */
  private record Seen(long eventId, Instant lastUpdated, Instant at) {}

  volatile String secret;
  private final Map<String, List<Seen>> byOrder = new HashMap<>();
  private final Set<Long> eventIds = new HashSet<>();
  private long deliveries;
  private long badSignatures;
  private long outOfOrder;
  /** The last states a bench waits for, and the future it waits on; null until it asks. */
  private Collection<? extends OrderState> awaited;
  private final CompletableFuture<Void> allArrived = new CompletableFuture<>();

  void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      Instant at = Instant.now();
      if (!verified(request.getHeader("Spgate-Signature"), body)) {
        synchronized (this) {
          badSignatures++;
        }
        request.response().setStatusCode(400).end();
        return;
      }
      JsonObject event = body.toJsonObject();
      long id = Long.parseLong(event.getString("id"));
      JsonObject data = event.getJsonObject("data", new JsonObject());
      synchronized (this) {
        deliveries++;
        if (eventIds.add(id) && data.getString("amazonOrderId") != null) {
          List<Seen> states = byOrder.computeIfAbsent(data.getString("amazonOrderId"), k -> new ArrayList<>());
          // Events of one resource are delivered in order: a smaller id after a larger one would break that.
          if (!states.isEmpty() && states.get(states.size() - 1).eventId() > id) {
            outOfOrder++;
          }
          states.add(new Seen(id, Instant.parse(data.getString("lastUpdatedAt")), at));
          if (awaited != null && !allArrived.isDone() && missing(awaited) == 0) {
            allArrived.complete(null);
          }
        }
      }
      request.response().setStatusCode(200).end();
    });
  }

  private boolean verified(String header, Buffer body) {
    if (header == null || secret == null) {
      return false;
    }
    String t = null;
    List<String> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      if (part.startsWith("t=")) {
        t = part.substring(2);
      } else if (part.startsWith("v1=")) {
        signatures.add(part.substring(3));
      }
    }
    if (t == null || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) > 300) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
      byte[] expected = HexFormat.of().formatHex(mac.doFinal(body.getBytes())).getBytes(StandardCharsets.US_ASCII);
      return signatures.stream().anyMatch(s -> MessageDigest.isEqual(expected, s.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Completes once every one of these states (or a later one of its order) has arrived: at once if they all have. */
  synchronized CompletableFuture<Void> whenArrived(Collection<? extends OrderState> lastChanges) {
    awaited = List.copyOf(lastChanges);
    if (missing(awaited) == 0) {
      allArrived.complete(null);
    }
    return allArrived;
  }

  /** Orders whose last change's state (or a later one) has not arrived. */
  synchronized int missing(Collection<? extends OrderState> lastChanges) {
    int missing = 0;
    for (OrderState change : lastChanges) {
      if (firstSeen(change.orderId(), change.lastUpdated()) == null) {
        missing++;
      }
    }
    return missing;
  }

  /** When an event with this order's state at {@code lastUpdated} or later first arrived; null if none has. */
  synchronized Instant firstSeen(String orderId, Instant lastUpdated) {
    for (Seen seen : byOrder.getOrDefault(orderId, List.of())) {
      if (!seen.lastUpdated().isBefore(lastUpdated)) {
        return seen.at();
      }
    }
    return null;
  }

  synchronized boolean received(long eventId) {
    return eventIds.contains(eventId);
  }

  synchronized int distinct() {
    return eventIds.size();
  }

  synchronized long deliveries() {
    return deliveries;
  }

  synchronized long badSignatures() {
    return badSignatures;
  }

  synchronized long outOfOrder() {
    return outOfOrder;
  }

  /** What {@link #missing} needs of a change. */
  interface OrderState {
    String orderId();

    Instant lastUpdated();
  }
}
