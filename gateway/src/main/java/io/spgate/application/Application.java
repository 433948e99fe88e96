package io.spgate.application;

import io.spgate.quota.Rate;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One LWA application (an SP-API app registered in Seller Central or the Developer Console).
 * Holds its secrets in memory only; {@link #toString()} never shows them. {@code rates} overrides the
 * models' usage plans for this application, by operationId (Amazon grants some applications more).
 * {@code owner} is the tenant whose own application it is; empty for the operator's, which tenants
 * use when it is shared with them.
 */
public record Application(String id, String applicationId, ClientCredentials credentials,
    Optional<String> redirectUri, boolean draft, Optional<AwsCredentials> aws, Map<String, Rate> rates, Optional<UUID> owner) {

  /** What an application's id may be, in the applications file and the API. */
  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  /** The quota overrides as stored: {@code {"<operationId>": {"ratePerSecond", "burst"}}}. */
  public JsonObject ratesJson() {
    JsonObject json = new JsonObject();
    rates.forEach((op, rate) -> json.put(op, new JsonObject().put("ratePerSecond", rate.perSecond()).put("burst", rate.burst())));
    return json;
  }

  /** Whether the operator owns it (and shares it), rather than one tenant. */
  public boolean operators() {
    return owner.isEmpty();
  }

  /**
   * IAM credentials for SigV4, which Amazon stopped requiring (and checking) in October 2023.
   * Calls are signed with these keys as given; the role is kept with the application, never assumed.
   */
  public record AwsCredentials(String accessKeyId, String secretAccessKey, Optional<String> roleArn) {
    @Override
    public String toString() {
      return "AwsCredentials[" + accessKeyId + "]";
    }
  }
}
