package io.spgate.store;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MigrationsIT {

  private TestPostgres postgres;
  private Vertx vertx;

  @BeforeEach
  void createDatabase() {
    postgres = TestPostgres.create();
    vertx = Vertx.vertx();
  }

  @AfterEach
  void dropDatabase() {
    await(vertx.close());
    postgres.close();
  }

  @Test
  void should_apply_each_migration_once_when_run_twice() {
    Migrations migrations = Migrations.bundled();
    Pool pool = postgres.pool(vertx, 2);

    List<Migrations.Migration> first = await(migrations.apply(pool));
    List<Migrations.Migration> second = await(migrations.apply(pool));

    assertThat(first).isNotEmpty().hasSameSizeAs(migrations.all());
    assertThat(second).isEmpty();
    assertThat(appliedVersions(pool)).isEqualTo(migrations.all().stream().map(Migrations.Migration::version).toList());
  }

  @Test
  void should_apply_each_migration_once_when_instances_start_together() {
    Migrations migrations = Migrations.bundled();
    List<Pool> instances = List.of(postgres.pool(vertx, 1), postgres.pool(vertx, 1), postgres.pool(vertx, 1), postgres.pool(vertx, 1));

    List<Future<List<Migrations.Migration>>> runs = instances.stream().map(migrations::apply).toList();
    await(Future.all(runs));

    int appliedInTotal = runs.stream().mapToInt(run -> run.result().size()).sum();
    assertThat(appliedInTotal).isEqualTo(migrations.all().size());
    assertThat(appliedVersions(instances.get(0))).hasSameSizeAs(migrations.all());
  }

  @Test
  void should_refuse_to_start_when_an_applied_migration_was_edited() {
    Pool pool = postgres.pool(vertx, 1);
    await(Migrations.bundled().apply(pool));
    await(pool.query("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1").execute());

    Future<List<Migrations.Migration>> again = Migrations.bundled().apply(pool);

    assertThat(again.toCompletionStage().toCompletableFuture()).failsWithin(java.time.Duration.ofSeconds(30))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withMessageContaining("V1__tenants_and_api_keys was changed after it was applied");
  }

  @Test
  void should_share_existing_applications_with_the_tenants_that_have_sellers_on_them_when_upgrading_to_owned_applications() {
    Pool pool = postgres.pool(vertx, 1);
    await(Migrations.bundled().upTo(3).apply(pool));
    UUID withSellers = UUID.randomUUID();
    UUID without = UUID.randomUUID();
    await(pool.query("INSERT INTO tenants (id, name) VALUES ('" + withSellers + "', 'has sellers'), ('" + without + "', 'has none');"
        + "INSERT INTO applications (id, application_id, client_id, client_secret_key_id, client_secret) VALUES"
        + " ('used', 'amzn1.a', 'c', 'k', '\\x00'), ('unused', 'amzn1.b', 'c', 'k', '\\x00');"
        + "INSERT INTO sellers (id, tenant_id, selling_partner_id, application, region, marketplaces, status, refresh_token_key_id,"
        + " refresh_token) VALUES ('" + UUID.randomUUID() + "', '" + withSellers + "', 'A1ONE', 'used', 'na', '{ATVPDKIKX0DER}',"
        + " 'active', 'k', '\\x00'), ('" + UUID.randomUUID() + "', '" + withSellers + "', 'A1TWO', 'used', 'na', '{ATVPDKIKX0DER}',"
        + " 'active', 'k', '\\x00')").execute());

    await(Migrations.bundled().apply(pool));

    List<String> shares = await(pool.query("SELECT application || ' ' || tenant_id FROM application_tenants ORDER BY 1").execute()
        .map(rows -> {
          List<String> found = new java.util.ArrayList<>();
          rows.forEach(r -> found.add(r.getString(0)));
          return found;
        }));
    long owned = await(pool.query("SELECT count(*) FROM applications WHERE owner_tenant_id IS NOT NULL").execute()
        .map(rows -> rows.iterator().next().getLong(0)));
    assertThat(shares).containsExactly("used " + withSellers);
    assertThat(owned).as("every existing application stays the operator's").isZero();
  }

  @Test
  void should_give_unfinished_update_jobs_their_sellers_and_drop_the_open_items_index_when_upgrading_from_v10() {
    UUID tenant = UUID.randomUUID();
    UUID open = UUID.randomUUID();
    UUID finished = UUID.randomUUID();
    UUID sellerA = UUID.randomUUID();
    UUID sellerB = UUID.randomUUID();
    Pool pool = upgradedFrom(10, "INSERT INTO tenants (id, name) VALUES ('" + tenant + "', 't');"
        + "INSERT INTO update_jobs (id, tenant_id, body_sha256, answer, total, rejected_at_intake, status, finished_at) VALUES"
        + " ('" + open + "', '" + tenant + "', '\\x00', '{}', 3, 0, 'running', NULL),"
        + " ('" + finished + "', '" + tenant + "', '\\x00', '{}', 1, 0, 'done', now());"
        + "INSERT INTO update_items (job_id, item_index, seller_id, marketplace_id, sku, status) VALUES"
        + " ('" + open + "', 0, '" + sellerA + "', 'ATVPDKIKX0DER', 'S1', 'pending'),"
        + " ('" + open + "', 1, '" + sellerB + "', 'ATVPDKIKX0DER', 'S2', 'sent'),"
        + " ('" + open + "', 2, '" + sellerA + "', 'ATVPDKIKX0DER', 'S3', 'applied'),"
        + " ('" + finished + "', 0, '" + sellerB + "', 'ATVPDKIKX0DER', 'S4', 'applied')");

    List<String> sellers = texts(pool, "SELECT id::text || ' ' || coalesce(array_length(seller_ids, 1), 0) FROM update_jobs ORDER BY"
        + " finished_at NULLS FIRST");
    long openItemsIndexes = indexes(pool, "update_items_job_open");
    assertThat(sellers).as("the unfinished job's two sellers; the finished job needs none").containsExactly(open + " 2", finished + " 0");
    assertThat(openItemsIndexes).isZero();
  }

  @Test
  void should_give_update_jobs_the_seq_range_of_their_items_and_drop_the_job_index_when_upgrading_from_v11() {
    UUID tenant = UUID.randomUUID();
    UUID two = UUID.randomUUID();
    UUID none = UUID.randomUUID();
    Pool pool = upgradedFrom(11, "INSERT INTO tenants (id, name) VALUES ('" + tenant + "', 't');"
        + "INSERT INTO update_jobs (id, tenant_id, body_sha256, answer, total, rejected_at_intake, status) VALUES"
        + " ('" + two + "', '" + tenant + "', '\\x00', '{}', 2, 0, 'running'),"
        + " ('" + none + "', '" + tenant + "', '\\x00', '{}', 0, 1, 'done');"
        + "INSERT INTO update_items (seq, job_id, item_index, seller_id, marketplace_id, sku, status) VALUES"
        + " (7, '" + two + "', 0, '" + tenant + "', 'ATVPDKIKX0DER', 'S1', 'pending'),"
        + " (9, '" + two + "', 1, '" + tenant + "', 'ATVPDKIKX0DER', 'S2', 'applied')");

    List<String> ranges = texts(pool, "SELECT total || ': ' || coalesce(first_seq::text, '-') || '..' || coalesce(last_seq::text, '-')"
        + " FROM update_jobs ORDER BY total DESC");
    long jobIndexes = indexes(pool, "update_items_job_index");
    assertThat(ranges).as("a job with items gets their range; one without has none").containsExactly("2: 7..9", "0: -..-");
    assertThat(jobIndexes).isZero();
  }

  /** A database migrated up to {@code version}, given {@code rows} there, then migrated to the end. */
  private Pool upgradedFrom(int version, String rows) {
    Pool pool = postgres.pool(vertx, 1);
    await(Migrations.bundled().upTo(version).apply(pool));
    await(pool.query(rows).execute());
    await(Migrations.bundled().apply(pool));
    return pool;
  }

  private static List<String> texts(Pool pool, String sql) {
    return await(pool.query(sql).execute().map(rows -> {
      List<String> found = new java.util.ArrayList<>();
      rows.forEach(r -> found.add(r.getString(0)));
      return found;
    }));
  }

  private static long indexes(Pool pool, String name) {
    return await(pool.query("SELECT count(*) FROM pg_indexes WHERE indexname = '" + name + "'").execute()
        .map(rows -> rows.iterator().next().getLong(0)));
  }

  private static List<Integer> appliedVersions(Pool pool) {
    return await(pool.query("SELECT version FROM schema_migrations ORDER BY version").execute()
        .map(rows -> {
          List<Integer> versions = new java.util.ArrayList<>();
          rows.forEach(r -> versions.add(r.getInteger(0)));
          return versions;
        }));
  }
}
