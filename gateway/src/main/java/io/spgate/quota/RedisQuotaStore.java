package io.spgate.quota;

import io.spgate.store.LoopRedisConnection;
import io.spgate.store.RedisLayout;
import io.spgate.store.RedisSlots;
import io.spgate.vertx.PerEventLoop;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Buckets in Redis: decisions made by a Lua script, clocked by Redis {@code TIME}. Scripts go by
 * {@code EVALSHA}; a {@code NOSCRIPT} answer (a restarted Redis, a replica promoted) falls back
 * to {@code EVAL}, which also loads the script.
 *
 * <p>Each event loop sends its decisions over one connection of its own ({@link LoopRedisConnection}),
 * pipelined. The decisions a loop is asked for while it handles one
 * round of I/O leave together, once the round is over, as one script call in one write: Redis
 * reads and answers them with one system call each way, and runs the script once, instead of
 * once per decision (at a few decisions per round, each of those halves Redis's CPU per
 * decision). The connection is opened on first use on its loop, with the scripts loaded, and
 * opened again on the next call after it closed or failed. Failures reach the caller as failed
 * futures.
 *
 * <p>On a Redis Cluster a script call may touch the keys of one hash slot only (an owner's buckets
 * share one, by their hash tag), so a round's decisions go in one script call per slot. What Vert.x
 * 5.0's cluster connection does decides how they are sent: {@code send} routes a command to the
 * master of its keys' slot and follows MOVED and ASK (and waits out TRYAGAIN and CLUSTERDOWN) by
 * itself, while {@code batch} goes to one node only, fails before sending if its commands belong to
 * different masters, and follows no redirect at all (its error reads "ERR [i] MOVED ..."). So each
 * slot's call is sent on its own: the calls to one node still share its connection, pipelined, and
 * each answers or fails alone, so a failed master stops only its own slots' decisions. Each node
 * loads a script the first time it answers NOSCRIPT (a promoted replica holds none).
 */
public final class RedisQuotaStore implements QuotaStore {

  /**
   * A command unanswered by then fails with a {@link TimeoutException}: a hung or half-open Redis,
   * which FailoverQuotaStore treats like one that is gone. Generous, so that a merely slow Redis is
   * not left for the in-process fallback.
   */
  public static final long ANSWER_TIMEOUT_MILLIS = 2_000;
  /** A round's decisions go in script calls of at most this many, so one call holds Redis for well under a millisecond. */
  static final int MAX_DECISIONS_PER_CALL = 64;
  private static final String URGENT_WINDOW_MILLIS = String.valueOf(QuotaGate.URGENT_WINDOW.toMillis());
  /** Bounds {@link #decimal}'s memory should rates keep changing (they do not: a few per application). */
  private static final int DECIMALS_KEPT = 10_000;
  /** Values per decision in a gcra.lua answer. */
  private static final int ANSWER_SIZE = 4;

  /** The Lua scripts, read from the class path once, off the event loop ({@link #bundled()}). */
  public record Scripts(Script gcra, Script drain, Script late, Script announce, Script state) {
    public static Scripts bundled() {
      return new Scripts(Script.load("quota/gcra.lua"), Script.load("quota/drain.lua"), Script.load("quota/late.lua"),
          Script.load("quota/announce.lua"), Script.load("quota/state.lua"));
    }

    List<Script> all() {
      return List.of(gcra, drain, late, announce, state);
    }
  }

  private final Vertx vertx;
  private final Redis redis;
  private final RedisLayout layout;
  private final Scripts scripts;
  private final LongSupplier nanoClock;
  private final String allowanceMillis;
  private final PerEventLoop<LoopConnection> connections = new PerEventLoop<>(LoopConnection::new);
  private final Map<Double, String> decimals = new ConcurrentHashMap<>();

  /**
   * @param redis the client whose {@code connect()} opens the loops' connections (its pool must
   *     allow one per event loop, and its waiting handlers many decisions in flight: {@code
   *     SharedStores.loopOptions})
   * @param layout one server, or a cluster: then a round's decisions go as one script call per hash slot
   * @param jitterAllowance how late a call may reach Amazon after its slot ({@link QuotaStore#capacity})
   */
  public RedisQuotaStore(Vertx vertx, Redis redis, RedisLayout layout, Scripts scripts, Duration jitterAllowance,
      LongSupplier nanoClock) {
    this.vertx = vertx;
    this.redis = redis;
    this.layout = layout;
    this.scripts = scripts;
    this.allowanceMillis = String.valueOf(jitterAllowance.toMillis());
    this.nanoClock = nanoClock;
  }

  public RedisQuotaStore(Vertx vertx, Redis redis, RedisLayout layout, Scripts scripts, Duration jitterAllowance) {
    this(vertx, redis, layout, scripts, jitterAllowance, System::nanoTime);
  }

  /** Over one Redis server. */
  public RedisQuotaStore(Vertx vertx, Redis redis, Scripts scripts, Duration jitterAllowance) {
    this(vertx, redis, RedisLayout.SERVER, scripts, jitterAllowance);
  }

  /** Over one Redis server, on a clock of the caller's. */
  public RedisQuotaStore(Vertx vertx, Redis redis, Scripts scripts, Duration jitterAllowance, LongSupplier nanoClock) {
    this(vertx, redis, RedisLayout.SERVER, scripts, jitterAllowance, nanoClock);
  }

  @Override
  public Future<Decision> decide(String key, double intervalMillis, int burst, long maxWaitMillis, Lane lane, double place) {
    Asked asked = new Asked(key, intervalMillis, burst, maxWaitMillis, lane, place);
    return connections.onLoop(vertx, connection -> connection.decide(asked),
        () -> run(gcra(List.of(asked))).map(answer -> decision(answer, 0)));
  }

  @Override
  public Future<Void> drain(String key, double intervalMillis, int burst, double aheadMillis) {
    return run(new ScriptCall(scripts.drain(), 2, List.of(key, announcedRate(key), String.valueOf(intervalMillis), String.valueOf(burst),
        allowanceMillis, String.valueOf(aheadMillis)))).mapEmpty();
  }

  @Override
  public Future<Void> arrivedLate(String key, double intervalMillis, double lateMillis) {
    return run(new ScriptCall(scripts.late(), 2, List.of(key, announcedRate(key), String.valueOf(intervalMillis),
        String.valueOf(lateMillis)))).mapEmpty();
  }

  @Override
  public Future<Void> announceRate(String key, double intervalMillis, double ratePerSecond) {
    return run(new ScriptCall(scripts.announce(), 2, List.of(key, announcedRate(key), String.valueOf(intervalMillis),
        String.valueOf(ratePerSecond), String.valueOf(QuotaGate.ANNOUNCED_RATE_TTL.toMillis())))).mapEmpty();
  }

  @Override
  public Future<State> state(String key, double intervalMillis, int burst) {
    return run(new ScriptCall(scripts.state(), 3, List.of(key, announcedRate(key), bulkLine(key), String.valueOf(intervalMillis),
        String.valueOf(burst), allowanceMillis)))
        .map(answer -> new State(Double.parseDouble(answer.get(0).toString()), Double.parseDouble(answer.get(1).toString()),
            answer.get(3).toInteger() == 1, answer.get(2).toInteger()));
  }

  /** One MGET of the bucket keys (an owner's share a hash tag, so this works on a cluster too): no SCAN of the keyspace. */
  @Override
  public Future<List<String>> existing(List<String> keys) {
    if (keys.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Request mget = Request.cmd(Command.MGET);
    keys.forEach(mget::arg);
    return send(mget).map(values -> {
      List<String> found = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        if (values.get(i) != null) {
          found.add(keys.get(i));
        }
      }
      return found;
    });
  }

  /**
   * One script call for a round's decisions, in order: four keys per decision (bucket, urgent
   * marker, announced rate, bulk line), then the arguments shared by all, then six per decision (gcra.lua).
   */
  private ScriptCall gcra(List<Asked> decisions) {
    List<String> args = new ArrayList<>(decisions.size() * 10 + 2);
    for (Asked asked : decisions) {
      args.add(asked.key());
      args.add(urgentMarker(asked.key()));
      args.add(announcedRate(asked.key()));
      args.add(bulkLine(asked.key()));
    }
    args.add(allowanceMillis);
    args.add(URGENT_WINDOW_MILLIS);
    for (Asked asked : decisions) {
      args.add(decimal(asked.intervalMillis()));
      args.add(String.valueOf(asked.burst()));
      args.add(String.valueOf(asked.maxWaitMillis()));
      args.add(asked.lane().value());
      args.add(decimal(QuotaStore.bulkReserve(asked.burst())));
      args.add(Double.isNaN(asked.place()) ? "" : String.valueOf(asked.place()));
    }
    return new ScriptCall(scripts.gcra(), decisions.size() * 4, args);
  }

  /**
   * A number as the scripts read it. The intervals and reserves decisions send are few (one per
   * rate and burst in use), and formatting a double costs more than all other arguments of a
   * decision together, so each is formatted once.
   */
  private String decimal(double value) {
    if (decimals.size() >= DECIMALS_KEPT) {
      decimals.clear();
    }
    return decimals.computeIfAbsent(value, String::valueOf);
  }

  /** The {@code index}th decision of a gcra.lua answer. */
  private static Decision decision(Response answer, int index) {
    int at = ANSWER_SIZE * index;
    long wait = answer.get(at + 1).toLong();
    return switch (answer.get(at).toInteger()) {
      case 1 -> {
        long leaveWithin = answer.get(at + 2).toLong();
        long arriveWithin = answer.get(at + 3).toLong();
        yield leaveWithin < 0 ? Decision.go(wait, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)
            : Decision.go(wait, leaveWithin, arriveWithin);
      }
      case 2 -> Decision.inLine(wait, Double.parseDouble(answer.get(at + 2).toString()));
      default -> Decision.refused(wait);
    };
  }

  private Future<Response> run(ScriptCall call) {
    return orEval(send(call.evalsha()), call);
  }

  /** A script Redis does not hold (a restarted Redis, SCRIPT FLUSH) is sent again with its source, which loads it. */
  private Future<Response> orEval(Future<Response> sent, ScriptCall call) {
    return sent.recover(e -> {
      // Within a batch the error reads "ERR [index] NOSCRIPT ...".
      return e.getMessage() != null && e.getMessage().contains("NOSCRIPT") ? send(call.eval()) : Future.failedFuture(e);
    });
  }

  /** Sends one command; the answer comes back on the caller's context when the caller runs on this Vert.x. */
  private Future<Response> send(Request request) {
    return connections.onLoop(vertx, connection -> connection.send(request),
        // A worker thread of this Vert.x has no loop of its own: it borrows a pooled connection, which answers on its context.
        () -> redis.send(request).timeout(ANSWER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
  }

  /** One event loop's connection to Redis and its round of commands; touched only on that loop, so it needs no locks. */
  private final class LoopConnection {
    // A cluster connection's scripts would load on one node it picks: each node loads them at its first NOSCRIPT instead.
    private final LoopRedisConnection link = new LoopRedisConnection(redis, layout, nanoClock,
        layout == RedisLayout.CLUSTER ? connection -> Future.succeededFuture() : this::loadScripts);
    /** Commands asked for in the loop's current round of I/O, and their callers' answers. */
    private List<Request> queued = new ArrayList<>();
    private List<Promise<Response>> answers = new ArrayList<>();
    /** Decisions asked for in the current round, and their callers' answers: they leave as one script call. */
    private List<Asked> decisions = new ArrayList<>();
    private List<Promise<Decision>> decided = new ArrayList<>();

    Future<Response> send(Request request) {
      Promise<Response> answer = queue();
      queued.add(request);
      answers.add(answer);
      return answer.future();
    }

    Future<Decision> decide(Asked asked) {
      Promise<Decision> answer = queue();
      decisions.add(asked);
      decided.add(answer);
      return answer.future();
    }

    /** A promise for the caller's answer; the round's first one has the round's write scheduled. */
    private <T> Promise<T> queue() {
      ContextInternal caller = (ContextInternal) Vertx.currentContext();
      if (queued.isEmpty() && decisions.isEmpty()) {
        // Runs once the loop has handled every event of this round.
        caller.runOnContext(v -> sendQueued());
      }
      // Bound to the caller's context, as a connection's own answers are, so that whatever the caller
      // chains on it (a timeout) runs on this loop, not on a global thread.
      return caller.promise();
    }

    /**
     * Sends the round's commands, the decisions' script calls included. On one server they leave in
     * one write, a batch, which answers as a whole: an error in one fails them all, as a lost
     * connection would. The only error expected is NOSCRIPT after the scripts were flushed, when every
     * EVALSHA of the batch fails alike and is sent again as EVAL; should a flush land mid-batch, a
     * decision that did run runs twice, which wastes a slot but never exceeds the quota. On a cluster
     * each is sent on its own (see the class comment) and answers alone.
     */
    private void sendQueued() {
      List<Request> requests = queued;
      List<Promise<Response>> waiting = answers;
      queued = new ArrayList<>();
      answers = new ArrayList<>();
      if (!decisions.isEmpty()) {
        queueDecisions(requests, waiting);
      }
      // One timer per round, not per command: a Redis that holds the connection but answers nothing has failed.
      long timer = vertx.setTimer(ANSWER_TIMEOUT_MILLIS, id -> {
        TimeoutException late = new TimeoutException("Redis did not answer within " + ANSWER_TIMEOUT_MILLIS + " ms");
        waiting.forEach(answer -> answer.tryFail(late));
      });
      link.connection()
          .compose(connection -> layout == RedisLayout.CLUSTER ? sendEach(connection, requests, waiting)
              : sendTogether(connection, requests, waiting))
          .onComplete(sent -> {
            vertx.cancelTimer(timer);
            if (sent.failed()) {
              waiting.forEach(answer -> answer.tryFail(sent.cause()));
            }
          });
    }

    private Future<Void> sendTogether(RedisConnection connection, List<Request> requests, List<Promise<Response>> waiting) {
      return (requests.size() == 1 ? connection.send(requests.get(0)).map(Collections::singletonList) : connection.batch(requests))
          .map(replies -> {
            for (int i = 0; i < waiting.size(); i++) {
              waiting.get(i).tryComplete(replies.get(i));
            }
            return null;
          });
    }

    /** Fails once all have answered if any failed; the others have their answers by then. */
    private Future<Void> sendEach(RedisConnection connection, List<Request> requests, List<Promise<Response>> waiting) {
      List<Future<Response>> sent = new ArrayList<>(requests.size());
      for (int i = 0; i < requests.size(); i++) {
        Promise<Response> answer = waiting.get(i);
        sent.add(connection.send(requests.get(i)).andThen(reply -> {
          if (reply.succeeded()) {
            answer.tryComplete(reply.result());
          } else {
            answer.tryFail(reply.cause());
          }
        }));
      }
      return Future.join(sent).mapEmpty();
    }

    /**
     * Adds the round's decisions to its commands, as script calls of at most {@link
     * #MAX_DECISIONS_PER_CALL}: in the order asked on one server; on a cluster, one slot's apart
     * from the others' (a bucket's decisions keep their order).
     */
    private void queueDecisions(List<Request> requests, List<Promise<Response>> waiting) {
      List<Asked> asked = decisions;
      List<Promise<Decision>> answers = decided;
      decisions = new ArrayList<>();
      decided = new ArrayList<>();
      if (layout == RedisLayout.SERVER) {
        queueScriptCalls(asked, answers, requests, waiting);
        return;
      }
      Map<Integer, SlotDecisions> bySlot = new LinkedHashMap<>();
      for (int i = 0; i < asked.size(); i++) {
        SlotDecisions slot = bySlot.computeIfAbsent(RedisSlots.of(asked.get(i).key()), k -> new SlotDecisions());
        slot.asked().add(asked.get(i));
        slot.answers().add(answers.get(i));
      }
      bySlot.values().forEach(slot -> queueScriptCalls(slot.asked(), slot.answers(), requests, waiting));
    }

    private void queueScriptCalls(List<Asked> asked, List<Promise<Decision>> answers, List<Request> requests,
        List<Promise<Response>> waiting) {
      for (int from = 0; from < asked.size(); from += MAX_DECISIONS_PER_CALL) {
        int to = Math.min(asked.size(), from + MAX_DECISIONS_PER_CALL);
        ScriptCall call = gcra(asked.subList(from, to));
        List<Promise<Decision>> callers = answers.subList(from, to);
        Promise<Response> answer = Promise.promise();
        requests.add(call.evalsha());
        waiting.add(answer);
        orEval(answer.future(), call).onComplete(replies -> {
          for (int i = 0; i < callers.size(); i++) {
            if (replies.succeeded()) {
              callers.get(i).tryComplete(decision(replies.result(), i));
            } else {
              callers.get(i).tryFail(replies.cause());
            }
          }
        });
      }
    }

    /** Loaded once per connection, so a restarted Redis answers EVALSHA without a NOSCRIPT round. */
    private Future<Void> loadScripts(RedisConnection connection) {
      return connection.batch(scripts.all().stream().map(s -> Request.cmd(Command.SCRIPT).arg("LOAD").arg(s.source())).toList())
          .<Void>mapEmpty()
          .onFailure(e -> connection.close());
    }
  }

  /** Same hash tag as the bucket, so a bucket's keys live in one cluster slot. */
  private static String urgentMarker(String key) {
    return key + ":urgent";
  }

  private static String announcedRate(String key) {
    return key + ":rate";
  }

  private static String bulkLine(String key) {
    return key + ":line";
  }

  /** One hash slot's decisions of a round, and their callers' answers. */
  private record SlotDecisions(List<Asked> asked, List<Promise<Decision>> answers) {
    SlotDecisions() {
      this(new ArrayList<>(), new ArrayList<>());
    }
  }

  /** A decision asked for on a loop, waiting for its round's script call. */
  private record Asked(String key, double intervalMillis, int burst, long maxWaitMillis, Lane lane, double place) {}

  /** A script's keys and arguments: sent by SHA, or with the script's source when Redis does not hold it. */
  private record ScriptCall(Script script, int keys, List<String> args) {
    Request evalsha() {
      return request(Command.EVALSHA, script.sha());
    }

    Request eval() {
      return request(Command.EVAL, script.source());
    }

    private Request request(Command command, String script) {
      Request request = Request.cmd(command).arg(script).arg(keys);
      args.forEach(request::arg);
      return request;
    }
  }

  record Script(String source, String sha) {
    static Script load(String resource) {
      try (InputStream in = RedisQuotaStore.class.getClassLoader().getResourceAsStream(resource)) {
        String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        byte[] sha = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
        return new Script(source, HexFormat.of().formatHex(sha));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
