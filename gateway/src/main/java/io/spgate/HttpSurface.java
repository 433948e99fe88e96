package io.spgate;

import io.spgate.config.GatewayConfig;
import io.spgate.fairness.TenantAdmission;
import io.spgate.health.Readiness;
import io.spgate.http.Feature;
import io.spgate.http.RequestMetrics;
import io.spgate.idempotency.IdempotencyKeys;
import io.spgate.proxy.PassThroughHandler;
import io.spgate.tenant.Authenticator;
import io.spgate.tracing.Tracing;
import java.util.List;

/**
 * What every HTTP verticle instance serves, shared by all of them: the SP-API pass-through ahead of
 * the Router, and in the Router health, the OpenAPI document, every feature's routes and the
 * console. Metrics are the management port's ({@link ManagementVerticle}).
 */
record HttpSurface(GatewayConfig config, Authenticator authenticator, TenantAdmission admission, PassThroughHandler passThrough,
    List<Feature> features, IdempotencyKeys idempotencyKeys, Readiness readiness, RequestMetrics requestMetrics, Tracing tracing) {}
