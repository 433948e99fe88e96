package io.spgate;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A few thousand malformed requests ({@link MalformedRequests}, from a fixed seed, so a failure can be
 * replayed) over a few connections at once, against a gateway in front of the simulator without
 * injected faults. Every request gets an answer within 10 s, below 500; every error the gateway
 * answers itself is problem+json (a pass-through call that reached Amazon answers with Amazon's
 * JSON); a connection the answer does not close serves the next request; and nothing is logged
 * as an error, callers that hang up mid-answer included.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestsIT {

  /** Fixed, so that a failure can be replayed; {@code -Dspgate.fuzz.seed=} and {@code -Dspgate.fuzz.requests=} explore further. */
  private static final long SEED = Long.getLong("spgate.fuzz.seed", 17_014L);
  private static final int REQUESTS = Integer.getInteger("spgate.fuzz.requests", 3_000);
  private static final int CONNECTIONS = 4;
  private static final Duration HANG = Duration.ofSeconds(10);
  private static final int ENOUGH_FAILURES = 25;
  private static final byte[] NEXT = "GET /v1/me HTTP/1.1\r\nHost: gw\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private SimulatedAmazon amazon;
  private TestPostgres postgres;
  private TestGateway gw;
  private MalformedRequests.Fixtures fixtures;

  @BeforeAll
  void start() {
    amazon = SimulatedAmazon.start(new SimulatorOptions().sellers(3).faultRate(0));
    postgres = TestPostgres.create();
    // Quota waits would only slow the run down: a call beyond its seller's quota is refused at once.
    gw = TestGateway.start(amazon.gatewaySettings(postgres, Map.of("SPGATE_QUOTA_MAX_WAIT", "0ms")));
    List<Seller> sellers = amazon.registerSellers(gw, "Fuzzed");
    String tenant = sellers.get(0).tenantId().toString();
    String other = await(gw.client.post("/v1/tenants").putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY)
        .sendJsonObject(new JsonObject().put("name", "Other"))).bodyAsJsonObject().getString("id");
    fixtures = new MalformedRequests.Fixtures(SimulatedAmazon.ADMIN_KEY,
        List.of(SimulatedAmazon.ADMIN_KEY, key(tenant, "tenant:read", "tenant:write"), key(tenant, "tenant:read"),
            key(other, "tenant:write")),
        List.of(tenant, other), sellers.stream().map(s -> s.id().toString()).toList(),
        sellers.stream().map(Seller::sellingPartnerId).toList(), sellers.stream().flatMap(s -> s.marketplaces().stream()).toList());
  }

  @AfterAll
  void stop() {
    gw.close();
    postgres.close();
    amazon.close();
  }

  @Test
  void should_answer_every_malformed_request_in_time_below_500_and_with_a_problem_when_it_refuses() throws InterruptedException {
    List<MalformedRequests.Request> requests = new MalformedRequests(SEED, OpenApiDocument.load(), gw.gateway.services().operations().all(),
        fixtures, gw.port()).generate(REQUESTS);
    Queue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger next = new AtomicInteger();
    LoggedErrors errors = LoggedErrors.capture();
    ExecutorService connections = Executors.newFixedThreadPool(CONNECTIONS);
    try {
      for (int i = 0; i < CONNECTIONS; i++) {
        connections.execute(() -> {
          for (int n = next.getAndIncrement(); n < requests.size() && failures.size() < ENOUGH_FAILURES; n = next.getAndIncrement()) {
            MalformedRequests.Request request = requests.get(n);
            String number = "#" + n;
            check(request).ifPresent(failure -> failures.add(number + " " + request.label() + ": " + failure + "\n      "
                + request.excerpt()));
          }
        });
      }
    } finally {
      connections.shutdown();
      assertThat(connections.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
      errors.close();
    }

    assertThat(failures).as("requests (seed %d) the gateway answered wrongly:\n%s", SEED, String.join("\n", failures)).isEmpty();
    assertThat(errors.logged()).as("errors logged while serving them").isEmpty();
  }

  /** What is wrong with the way the request was answered, if anything. */
  private Optional<String> check(MalformedRequests.Request request) {
    if (request.abandoned()) {
      hangUp(request);
      return Optional.empty();
    }
    try (RawHttp connection = new RawHttp(gw.port(), HANG)) {
      RawHttp.Answer answer;
      try {
        answer = connection.exchange(request.bytes(), request.head());
      } catch (SocketTimeoutException e) {
        return Optional.of("no answer within " + HANG.toSeconds() + " s");
      } catch (IOException e) {
        return Optional.of("no answer: " + e.getMessage());
      }
      Optional<String> wrong = judge(request, answer);
      if (wrong.isPresent() || answer.closes()) {
        return wrong;
      }
      try {
        RawHttp.Answer following = connection.exchange(NEXT, false);
        return following.status() == 401 ? Optional.empty() : Optional.of("answered " + answer.status() + ", then the next request on the "
            + "connection got " + following.status() + " " + excerpt(following) + " (was part of this request read as a new one?)");
      } catch (SocketTimeoutException e) {
        return Optional.of("answered " + answer.status() + " but left the connection unable to serve the next request");
      } catch (IOException e) {
        return Optional.empty(); // closed after the answer: a client opens a new connection
      }
    } catch (IOException e) {
      return Optional.of("could not connect: " + e);
    }
  }

  private static Optional<String> judge(MalformedRequests.Request request, RawHttp.Answer answer) {
    int status = answer.status();
    if (status >= 500) {
      return Optional.of("answered " + status + " " + excerpt(answer));
    }
    if (status < 400 || (request.passThrough() && answer.header("x-amzn-RequestId") != null)) {
      return Optional.empty();
    }
    String type = answer.header("content-type");
    if (type == null || !type.startsWith("application/problem+json")) {
      return Optional.of("answered " + status + " as " + type + ", not problem+json: " + excerpt(answer));
    }
    if (request.head()) {
      return Optional.empty();
    }
    try {
      JsonObject problem = new JsonObject(answer.bodyText());
      return problem.getInteger("status", 0) == status && !problem.getString("code", "").isBlank() ? Optional.empty()
          : Optional.of("answered " + status + " with a problem without its status or code: " + excerpt(answer));
    } catch (RuntimeException e) {
      return Optional.of("answered " + status + " with a problem+json body that is not JSON: " + excerpt(answer));
    }
  }

  /** Sends the request and hangs up at once, resetting the connection, as a caller that gave up does. */
  private void hangUp(MalformedRequests.Request request) {
    try (Socket socket = new Socket("127.0.0.1", gw.port())) {
      socket.getOutputStream().write(request.bytes());
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      // the gateway may have closed first; either way the caller is gone
    }
  }

  private static String excerpt(RawHttp.Answer answer) {
    String body = answer.bodyText();
    return "[" + answer.headers() + "] " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
  }

  private String key(String tenant, String... scopes) {
    return await(gw.client.post("/v1/tenants/" + tenant + "/keys").putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY)
        .sendJsonObject(new JsonObject().put("scopes", new JsonArray(List.of((Object[]) scopes))))).bodyAsJsonObject().getString("key");
  }
}
