package io.spgate.seller;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.MigratedDatabase;
import io.spgate.StoredSeller;
import io.spgate.crypto.SecretBox;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refreshes are recorded in batches after the fact: a batch must not undo what was recorded about the seller since. */
class RecordedRefreshesIT {

  private MigratedDatabase database;
  private SellerStore store;
  private Seller seller;

  @BeforeEach
  void start() {
    database = new MigratedDatabase();
    store = new SellerStore(database.pool, new SecretBox(List.of(new SecretBox.Key("k1", new byte[32]))));
    seller = StoredSeller.create(database.pool, "A1REC", "amzn1.sp.solution.rec");
  }

  @AfterEach
  void stop() {
    database.close();
  }

  @Test
  void should_record_a_refresh_and_clear_the_error_before_it() {
    await(store.recordFailure(seller.id(), "temporarily_unavailable", false));
    Instant at = Instant.now().plusSeconds(1);

    await(store.recordRefreshes(List.of(new SellerStore.Refreshed(seller.id(), at, at.plusSeconds(3600)))));

    Row row = health();
    assertThat(row.getOffsetDateTime("last_refresh_at").toInstant()).isEqualTo(at.truncatedTo(ChronoUnit.MICROS));
    assertThat(row.getOffsetDateTime("token_expires_at").toInstant()).isEqualTo(at.plusSeconds(3600).truncatedTo(ChronoUnit.MICROS));
    assertThat(row.getString("last_error")).isNull();
  }

  @Test
  void should_keep_a_failure_recorded_after_the_refresh() {
    Instant at = Instant.now().minusSeconds(5);
    await(store.recordFailure(seller.id(), "invalid_grant", true));

    await(store.recordRefreshes(List.of(new SellerStore.Refreshed(seller.id(), at, at.plusSeconds(3600)))));

    assertThat(health().getString("last_error")).isEqualTo("invalid_grant");
  }

  @Test
  void should_not_replace_a_newer_refresh_with_an_older_one() {
    Instant newer = Instant.now();
    await(store.recordRefreshes(List.of(new SellerStore.Refreshed(seller.id(), newer, newer.plusSeconds(3600)))));

    await(store.recordRefreshes(List.of(new SellerStore.Refreshed(seller.id(), newer.minusSeconds(30), newer.plusSeconds(3570)))));

    assertThat(health().getOffsetDateTime("token_expires_at").toInstant())
        .isEqualTo(newer.plusSeconds(3600).truncatedTo(ChronoUnit.MICROS));
  }

  private Row health() {
    return await(database.pool.preparedQuery("SELECT last_refresh_at, token_expires_at, last_error FROM sellers WHERE id = $1")
        .execute(Tuple.of(seller.id()))).iterator().next();
  }
}
