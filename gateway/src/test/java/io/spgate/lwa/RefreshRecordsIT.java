package io.spgate.lwa;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.MigratedDatabase;
import io.spgate.StoredSeller;
import io.spgate.crypto.SecretBox;
import io.spgate.seller.SellerStore;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A stopping instance writes the refreshes it has not recorded yet, without waiting for the next round. */
class RefreshRecordsIT {

  private MigratedDatabase database;

  @BeforeEach
  void start() {
    database = new MigratedDatabase();
  }

  @AfterEach
  void stop() {
    database.close();
  }

  @Test
  void should_write_every_queued_refresh_when_flushed() {
    SellerStore store = new SellerStore(database.pool, new SecretBox(List.of(new SecretBox.Key("k1", new byte[32]))));
    RefreshRecords records = new RefreshRecords(database.vertx, store);
    List<UUID> sellers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      UUID seller = StoredSeller.create(database.pool, "A1FLUSH" + i, "amzn1.sp.solution.flush-" + i).id();
      sellers.add(seller);
      records.add(new SellerStore.Refreshed(seller, Instant.now(), Instant.now().plusSeconds(3600)));
    }

    await(records.flush());

    long recorded = await(database.pool.preparedQuery("SELECT count(*) FROM sellers WHERE id = ANY ($1) AND last_refresh_at IS NOT NULL")
        .execute(Tuple.of(sellers.toArray(UUID[]::new)))).iterator().next().getLong(0);
    assertThat(recorded).isEqualTo(3);
  }
}
