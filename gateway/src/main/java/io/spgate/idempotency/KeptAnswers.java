package io.spgate.idempotency;

import io.spgate.crypto.SecretBox;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Idempotency keys in Postgres ({@code idempotency_keys}): claimed by a request, then holding its answer for 24 hours.
 * Answers are sealed ({@link SecretBox}) like every other secret at rest: some show a secret once (a new API key), and
 * no list of such routes has to be kept right as routes are added.
 */
final class KeptAnswers {

  /** How long a key stays its request's: Stripe's 24 hours. */
  static final Duration KEPT_FOR = Duration.ofHours(24);
  /**
   * How long a claim whose request never answered (its instance died) holds the key: far longer than any /v1 call takes
   * (a quota wait of at most minutes, Amazon's read timeout of at most 10 minutes), so no request can act a second time
   * while the first may still be acting.
   */
  static final Duration IN_FLIGHT_FOR = Duration.ofHours(1);
  private static final int PURGE_BATCH = 5_000;

  /** An earlier request under the key: its method and URI, its body's hash, and its answer once it has one. */
  record Earlier(String request, byte[] sha256, Optional<KeptAnswer> answer) {}

  private final Pool pool;
  private final SecretBox box;

  KeptAnswers(Pool pool, SecretBox box) {
    this.pool = pool;
    this.box = box;
  }

  /**
   * Claims the key for a request: empty when it is this request's now (new, expired, or abandoned in flight), else the
   * request that holds it. Two requests with one key at once meet on the primary key: one claims it, the other finds it.
   */
  Future<Optional<Earlier>> claim(Claim claim, String request, byte[] sha256) {
    return claim(claim, request, sha256, 2);
  }

  private Future<Optional<Earlier>> claim(Claim claim, String request, byte[] sha256, int attempts) {
    return pool.preparedQuery("INSERT INTO idempotency_keys AS k (owner_id, idempotency_key, claim_id, request, body_sha256)"
            + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (owner_id, idempotency_key) DO UPDATE SET claim_id = excluded.claim_id,"
            + " request = excluded.request, body_sha256 = excluded.body_sha256, created_at = now(), answer_status = NULL,"
            + " answer_content_type = NULL, answer_location = NULL, answer_key_id = NULL, answer_body = NULL"
            + " WHERE k.created_at < now() - $6::float8 * interval '1 second'"
            + " OR (k.answer_status IS NULL AND k.created_at < now() - $7::float8 * interval '1 second') RETURNING k.claim_id")
        .execute(Tuple.from(new Object[] {claim.owner(), claim.key().value(), claim.id(), request, Buffer.buffer(sha256),
            (double) KEPT_FOR.toSeconds(), (double) IN_FLIGHT_FOR.toSeconds()}))
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture(Optional.<Earlier>empty()) : earlier(claim).compose(found -> {
          // Released between the two statements: the key is free again.
          boolean freed = found.isEmpty() && attempts > 1;
          return freed ? claim(claim, request, sha256, attempts - 1) : Future.succeededFuture(found.or(() -> Optional.of(
              new Earlier(request, sha256, Optional.empty()))));
        }));
  }

  private Future<Optional<Earlier>> earlier(Claim claim) {
    return pool.preparedQuery("SELECT request, body_sha256, claim_id, answer_status, answer_content_type, answer_location,"
            + " answer_key_id, answer_body FROM idempotency_keys WHERE owner_id = $1 AND idempotency_key = $2")
        .execute(Tuple.of(claim.owner(), claim.key().value()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(earlier(rows.iterator().next())));
  }

  private Earlier earlier(Row row) {
    Integer status = row.getInteger("answer_status");
    Optional<KeptAnswer> answer = status == null ? Optional.empty() : Optional.of(new KeptAnswer(status,
        Optional.ofNullable(row.getString("answer_content_type")), Optional.ofNullable(row.getString("answer_location")),
        Buffer.buffer(box.open(new SecretBox.Sealed(row.getString("answer_key_id"), row.getBuffer("answer_body").getBytes()),
            sealedFor(row.getUUID("claim_id"))))));
    return new Earlier(row.getString("request"), row.getBuffer("body_sha256").getBytes(), answer);
  }

  /** Keeps the request's answer under its key; a claim that passed to another request meanwhile keeps nothing. */
  Future<Void> keep(Claim claim, KeptAnswer answer) {
    SecretBox.Sealed body = box.seal(answer.body().toString(StandardCharsets.UTF_8), sealedFor(claim.id()));
    return pool.preparedQuery("UPDATE idempotency_keys SET answer_status = $4, answer_content_type = $5, answer_location = $6,"
            + " answer_key_id = $7, answer_body = $8 WHERE owner_id = $1 AND idempotency_key = $2 AND claim_id = $3")
        .execute(Tuple.from(new Object[] {claim.owner(), claim.key().value(), claim.id(), answer.status(),
            answer.contentType().orElse(null), answer.location().orElse(null), body.keyId(), Buffer.buffer(body.bytes())}))
        .mapEmpty();
  }

  /** Lets the key go, so that a retry runs again. */
  Future<Void> release(Claim claim) {
    return pool.preparedQuery("DELETE FROM idempotency_keys WHERE owner_id = $1 AND idempotency_key = $2 AND claim_id = $3")
        .execute(Tuple.of(claim.owner(), claim.key().value(), claim.id()))
        .mapEmpty();
  }

  /**
   * Deletes the keys older than {@link #KEPT_FOR}, a batch at a time; instances that purge at once skip each other's rows.
   * Answers how many it deleted.
   */
  Future<Integer> purgeExpired() {
    return purgeExpired(0);
  }

  private Future<Integer> purgeExpired(int deletedBefore) {
    return pool.preparedQuery("DELETE FROM idempotency_keys WHERE (owner_id, idempotency_key) IN (SELECT owner_id, idempotency_key"
            + " FROM idempotency_keys WHERE created_at < now() - $1::float8 * interval '1 second' ORDER BY created_at LIMIT $2"
            + " FOR UPDATE SKIP LOCKED)")
        .execute(Tuple.of((double) KEPT_FOR.toSeconds(), PURGE_BATCH))
        .compose(rows -> rows.rowCount() < PURGE_BATCH ? Future.succeededFuture(deletedBefore + rows.rowCount())
            : purgeExpired(deletedBefore + rows.rowCount()));
  }

  /** The sealed answer is bound to its claim: copied into another row, it does not open. */
  private static String sealedFor(UUID claimId) {
    return "idempotency_keys.answer_body:" + claimId;
  }
}
