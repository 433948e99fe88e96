package io.spgate.reports;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.MigratedDatabase;
import io.spgate.TwoTenants;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Report jobs and schedules are leased in turn by tenant: a thousand reports asked at once keep no other tenant's waiting. */
class ReportLeaseTurnsIT {

  private MigratedDatabase database;
  private TwoTenants tenants;

  @BeforeEach
  void start() {
    database = new MigratedDatabase();
    tenants = TwoTenants.create(database.pool);
  }

  @AfterEach
  void stop() {
    database.close();
  }

  @Test
  void should_lease_report_jobs_in_turn_by_tenant() {
    String job = "INSERT INTO report_jobs (id, tenant_id, seller_id, report_type, marketplaces, status, next_step_at)"
        + " SELECT gen_random_uuid(), $2, s, 'GET_MERCHANT_LISTINGS_ALL_DATA', '{ATVPDKIKX0DER}', 'REQUESTED', %s"
        + " FROM unnest($1::uuid[]) s, generate_series(1, 3)";
    insert(job, tenants.bigSellers().toArray(UUID[]::new), tenants.big().tenantId(), TwoTenants.LONG_DUE);
    insert(job, new UUID[] {tenants.small().id()}, tenants.small().tenantId(), TwoTenants.JUST_DUE);

    assertThat(await(new ReportJobStore(database.pool).leaseDue(TwoTenants.LEASED, Duration.ofMinutes(1))))
        .hasSize(TwoTenants.LEASED)
        .anySatisfy(leased -> assertThat(leased.tenantId()).isEqualTo(tenants.small().tenantId()));
  }

  @Test
  void should_lease_report_schedules_in_turn_by_tenant() {
    String schedule = "INSERT INTO report_schedules (id, tenant_id, seller_id, report_type, marketplaces, period_seconds, next_run_at)"
        + " SELECT gen_random_uuid(), $2, s, 'GET_MERCHANT_LISTINGS_ALL_DATA', '{ATVPDKIKX0DER}', 86400, %s FROM unnest($1::uuid[]) s";
    insert(schedule, tenants.bigSellers().toArray(UUID[]::new), tenants.big().tenantId(), TwoTenants.LONG_DUE);
    insert(schedule, new UUID[] {tenants.small().id()}, tenants.small().tenantId(), TwoTenants.JUST_DUE);

    assertThat(await(new ReportScheduleStore(database.pool).leaseDue(TwoTenants.LEASED, Duration.ofMinutes(1))))
        .hasSize(TwoTenants.LEASED)
        .anySatisfy(leased -> assertThat(leased.tenantId()).isEqualTo(tenants.small().tenantId()));
  }

  private void insert(String sql, UUID[] sellers, UUID tenant, String due) {
    await(database.pool.preparedQuery(String.format(sql, due)).execute(Tuple.of(sellers, tenant)));
  }
}
