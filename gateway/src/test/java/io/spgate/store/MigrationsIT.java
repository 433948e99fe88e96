package io.spgate.store;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.List;
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

  private static List<Integer> appliedVersions(Pool pool) {
    return await(pool.query("SELECT version FROM schema_migrations ORDER BY version").execute()
        .map(rows -> {
          List<Integer> versions = new java.util.ArrayList<>();
          rows.forEach(r -> versions.add(r.getInteger(0)));
          return versions;
        }));
  }
}
