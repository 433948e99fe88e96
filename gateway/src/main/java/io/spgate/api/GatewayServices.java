package io.spgate.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.spgate.config.GatewayConfig;
import io.spgate.health.Readiness;
import io.spgate.crypto.SecretBox;
import io.spgate.lwa.GrantlessTokens;
import io.spgate.lwa.LwaClient;
import io.spgate.lwa.SellerTokens;
import io.spgate.quota.QuotaGate;
import io.spgate.seller.Applications;
import io.spgate.seller.OAuthStates;
import io.spgate.seller.SellerStore;
import io.spgate.spapi.Operations;
import io.spgate.spapi.SpApiClient;
import io.spgate.spapi.SpApiPipeline;
import io.spgate.tenant.Authenticator;
import io.spgate.tenant.TenantStore;

/** What every HTTP verticle instance shares: configuration, stores and the metrics registry. */
public record GatewayServices(GatewayConfig config, Readiness readiness, PrometheusMeterRegistry metrics,
    TenantStore tenants, Authenticator authenticator, SellerStore sellers, Applications applications, OAuthStates oauthStates,
    SecretBox secrets, LwaClient lwa, SellerTokens sellerTokens, GrantlessTokens grantlessTokens, Operations operations,
    SpApiPipeline pipeline, SpApiClient spApi, QuotaGate quotaGate, RequestMetrics requestMetrics) {}
