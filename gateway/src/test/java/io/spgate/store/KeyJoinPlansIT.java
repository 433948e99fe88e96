package io.spgate.store;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's statements that join a few thousand keys (an unnest of item ids or SKUs) onto a large table
 * probe its index on the gateway's connections, where Postgres's default costs would hash the whole table.
 */
class KeyJoinPlansIT {

  private final Vertx vertx = Vertx.vertx();
  private TestPostgres postgres;
  private Pool gateway;

  @BeforeEach
  void start() {
    postgres = TestPostgres.create();
    gateway = Database.pool(vertx, postgres.url(), 2, Duration.ofSeconds(30));
    await(gateway.query("CREATE TABLE items (seq bigserial PRIMARY KEY, status text NOT NULL, message_id integer)").execute());
    await(gateway.query("INSERT INTO items (status) SELECT 'pending' FROM generate_series(1, 100000)").execute());
    await(gateway.query("ANALYZE items").execute());
  }

  @AfterEach
  void stop() {
    await(gateway.close());
    postgres.close();
    await(vertx.close());
  }

  @Test
  void should_probe_the_index_for_a_feed_of_1240_items_on_a_table_of_100000() {
    Long[] seqs = LongStream.rangeClosed(5_000, 6_239).boxed().toArray(Long[]::new);
    Integer[] messages = LongStream.rangeClosed(1, 1_240).mapToObj(i -> (int) i).toArray(Integer[]::new);

    StringBuilder plan = new StringBuilder();
    for (Row row : await(gateway.preparedQuery("EXPLAIN UPDATE items i SET status = 'sent', message_id = m.message_id"
        + " FROM unnest($1::bigint[], $2::int[]) AS m (seq, message_id) WHERE i.seq = m.seq AND i.status = 'pending'")
        .execute(Tuple.of(seqs, (Object) messages)))) {
      plan.append(row.getString(0)).append('\n');
    }

    assertThat(plan.toString()).contains("Index Scan using items_pkey").doesNotContain("Seq Scan");
  }
}
