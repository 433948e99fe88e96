package io.spgate.lwa;

import io.spgate.application.Application;
import io.spgate.http.ApiException;
import io.spgate.http.Problem;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Set;

/**
 * Grantless tokens (LWA client_credentials) for the operations that act for an application
 * rather than a seller: notifications destinations, client-secret rotation. Cached and
 * single-flighted per application and scope like sellers' tokens.
 */
public final class GrantlessTokens {

  public static final String NOTIFICATIONS = "sellingpartnerapi::notifications";
  public static final String CLIENT_CREDENTIAL_ROTATION = "sellingpartnerapi::client_credential:rotation";
  private static final Set<String> SCOPES = Set.of(NOTIFICATIONS, CLIENT_CREDENTIAL_ROTATION);

  private final SharedTokens shared;
  private final LwaClient lwa;
  private final TokenPolicy policy;
  private final Clock clock;

  public GrantlessTokens(SharedTokens shared, LwaClient lwa, TokenPolicy policy, Clock clock) {
    this.shared = shared;
    this.lwa = lwa;
    this.policy = policy;
    this.clock = clock;
  }

  public Future<String> accessToken(Application app, String scope) {
    if (!SCOPES.contains(scope)) {
      return Future.failedFuture(new ApiException(Problem.validation("Grantless scope must be one of " + SCOPES + ".")));
    }
    return shared.obtain("app:" + app.id() + ":" + app.credentials().fingerprint() + ":" + scope,
            token -> policy.usable(token, clock.instant()), () -> lwa.clientCredentials(app.credentials(), scope))
        .recover(e -> Future.failedFuture(e instanceof LwaException failure
            ? new ApiException(new Problem(failure.transientFailure() ? 503 : 502, "lwa_grantless_failed", "Bad gateway",
                "Login with Amazon refused a grantless token for application " + app.id() + " (" + failure.error() + ")."))
            : e))
        .map(LwaToken::accessToken);
  }
}
