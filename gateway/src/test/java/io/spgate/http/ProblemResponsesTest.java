package io.spgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Postgres pool's bounds, as Vert.x and Postgres report them, become 503 problems; other failures stay bugs. */
class ProblemResponsesTest {

  @Test
  void should_answer_postgres_busy_when_the_pool_has_no_room_or_no_connection_in_time() {
    for (Throwable busy : new Throwable[] {new ConnectionPoolTooBusyException("Connection pool reached max wait queue size of 1"),
        new VertxException("Timeout waiting for connection", true), new NoStackTraceThrowable("Timeout")}) {
      Optional<ApiException> answer = ProblemResponses.databaseBound(busy);

      assertThat(answer).as(busy.toString()).isPresent();
      assertThat(answer.get().problem().status()).isEqualTo(503);
      assertThat(answer.get().problem().code()).isEqualTo("postgres_busy");
      assertThat(answer.get().headers()).containsEntry("Retry-After", "1");
    }
  }

  @Test
  void should_answer_postgres_timeout_when_postgres_cancelled_a_statement() {
    PgException cancelled = new PgException("canceling statement due to statement timeout", "ERROR", "57014", null);

    assertThat(ProblemResponses.databaseBound(cancelled)).get().satisfies(answer -> {
      assertThat(answer.problem().status()).isEqualTo(503);
      assertThat(answer.problem().code()).isEqualTo("postgres_timeout");
    });
  }

  @Test
  void should_leave_other_failures_to_the_internal_error() {
    assertThat(ProblemResponses.databaseBound(new PgException("duplicate key", "ERROR", "23505", null))).isEmpty();
    assertThat(ProblemResponses.databaseBound(new VertxException("Connection refused", true))).isEmpty();
    assertThat(ProblemResponses.databaseBound(new IllegalStateException("Timeout"))).isEmpty();
  }
}
