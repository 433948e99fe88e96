package io.spgate.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spgate.http.ApiException;
import io.spgate.tenant.Caller;
import io.spgate.tenant.Scope;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TenantAdmissionTest {

  private final AtomicLong clock = new AtomicLong(-5_000_000_000L);
  private final Map<UUID, LimitOverrides> stored = new HashMap<>();
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  /** 3 in flight, of them 2 API calls; 10 calls a second with a burst of 4. */
  private final TenantAdmission admission = new TenantAdmission(new TenantLimits(3, 10, 4), 7, 2,
      tenant -> Future.succeededFuture(stored.getOrDefault(tenant, LimitOverrides.NONE)), metrics, clock::get);
  private final Caller a = tenantCaller();
  private final Caller b = tenantCaller();

  @Test
  void should_refuse_a_call_past_the_tenants_calls_in_flight_and_admit_another_tenants() {
    for (int i = 0; i < 3; i++) {
      admitted(a, TenantAdmission.Route.SP_API);
    }

    ApiException refused = refused(a, TenantAdmission.Route.SP_API);

    assertThat(refused.problem().status()).isEqualTo(429);
    assertThat(refused.problem().code()).isEqualTo("tenant_concurrency_limit");
    assertThat(refused.problem().detail()).contains("limit of 3").contains("not Amazon's quota");
    assertThat(refused.headers()).containsEntry("Retry-After", "1");
    admitted(b, TenantAdmission.Route.SP_API);
    assertThat(refusals("concurrent")).isEqualTo(1);
  }

  @Test
  void should_admit_again_once_a_call_is_released_and_count_a_release_once() {
    TenantAdmission.Permit first = admitted(a, TenantAdmission.Route.SP_API);
    admitted(a, TenantAdmission.Route.SP_API);
    admitted(a, TenantAdmission.Route.SP_API);

    first.release();
    first.release();

    admitted(a, TenantAdmission.Route.SP_API);
    assertThat(refused(a, TenantAdmission.Route.SP_API).problem().code()).isEqualTo("tenant_concurrency_limit");
  }

  @Test
  void should_hold_the_api_calls_other_than_the_pass_through_to_their_share_of_the_postgres_pool() {
    admitted(a, TenantAdmission.Route.API);
    admitted(a, TenantAdmission.Route.API);

    ApiException refused = refused(a, TenantAdmission.Route.API);

    assertThat(refused.problem().code()).isEqualTo("tenant_concurrency_limit");
    assertThat(refused.problem().detail()).contains("Postgres pool");
    admitted(a, TenantAdmission.Route.SP_API);
    assertThat(refusals("api_concurrent")).isEqualTo(1);
  }

  @Test
  void should_refuse_past_the_tenants_rate_with_the_seconds_until_a_call_may_go() {
    stored.put(a.tenantId().orElseThrow(), new LimitOverrides(Optional.of(100), Optional.of(0.5), Optional.of(2)));
    admitted(a, TenantAdmission.Route.SP_API).release();
    admitted(a, TenantAdmission.Route.SP_API).release();

    ApiException refused = refused(a, TenantAdmission.Route.SP_API);

    assertThat(refused.problem().status()).isEqualTo(429);
    assertThat(refused.problem().code()).isEqualTo("tenant_rate_limit");
    assertThat(refused.problem().detail()).contains("0.5 a second (burst 2)").contains("not Amazon's quota");
    assertThat(refused.headers()).containsEntry("Retry-After", "2");
    admitted(b, TenantAdmission.Route.SP_API);
    assertThat(refusals("rate")).isEqualTo(1);
    clock.addAndGet(TimeUnit.SECONDS.toNanos(2));
    admitted(a, TenantAdmission.Route.SP_API);
  }

  @Test
  void should_let_a_refusal_by_rate_take_no_call_in_flight() {
    stored.put(a.tenantId().orElseThrow(), new LimitOverrides(Optional.empty(), Optional.of(1.0), Optional.of(1)));
    TenantAdmission.Permit held = admitted(a, TenantAdmission.Route.SP_API);
    for (int i = 0; i < 5; i++) {
      assertThat(refused(a, TenantAdmission.Route.SP_API).problem().code()).isEqualTo("tenant_rate_limit");
    }
    clock.addAndGet(TimeUnit.SECONDS.toNanos(10));

    admitted(a, TenantAdmission.Route.SP_API);
    held.release();
  }

  @Test
  void should_hold_an_override_of_calls_in_flight_to_the_instances_ceiling() {
    assertThat(admission.enforced(new LimitOverrides(Optional.of(50), Optional.empty(), Optional.empty())))
        .isEqualTo(new TenantLimits(7, 10, 4));
    assertThat(admission.enforced(new LimitOverrides(Optional.of(5), Optional.of(2.5), Optional.empty())))
        .isEqualTo(new TenantLimits(5, 2.5, 4));
  }

  @Test
  void should_not_limit_admin_keys() {
    Caller admin = new Caller(UUID.randomUUID(), Optional.empty(), Set.of(Scope.ADMIN));
    for (int i = 0; i < 50; i++) {
      admitted(admin, TenantAdmission.Route.API);
    }
  }

  private TenantAdmission.Permit admitted(Caller caller, TenantAdmission.Route route) {
    Future<TenantAdmission.Permit> admitted = admission.admit(caller, route);
    assertThat(admitted.succeeded()).as(String.valueOf(admitted.cause())).isTrue();
    return admitted.result();
  }

  private ApiException refused(Caller caller, TenantAdmission.Route route) {
    Future<TenantAdmission.Permit> admitted = admission.admit(caller, route);
    assertThat(admitted.failed()).isTrue();
    return (ApiException) admitted.cause();
  }

  private double refusals(String limit) {
    return metrics.get("spgate.tenant.limit.refusals").tag("limit", limit).counter().count();
  }

  private static Caller tenantCaller() {
    return new Caller(UUID.randomUUID(), Optional.of(UUID.randomUUID()), Set.of(Scope.TENANT_WRITE));
  }
}
