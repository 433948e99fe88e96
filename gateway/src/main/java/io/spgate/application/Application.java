package io.spgate.application;

import io.spgate.quota.Rate;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;

/**
 * One LWA application (an SP-API app registered in Seller Central or the Developer Console).
 * Holds its secrets in memory only; {@link #toString()} never shows them. {@code rates} overrides the
 * models' usage plans for this application, by operationId (Amazon grants some applications more).
 */
public record Application(String id, String applicationId, ClientCredentials credentials,
    Optional<String> redirectUri, boolean draft, Optional<AwsCredentials> aws, Map<String, Rate> rates) {

  /** The quota overrides as stored: {@code {"<operationId>": {"ratePerSecond", "burst"}}}. */
  public JsonObject ratesJson() {
    JsonObject json = new JsonObject();
    rates.forEach((op, rate) -> json.put(op, new JsonObject().put("ratePerSecond", rate.perSecond()).put("burst", rate.burst())));
    return json;
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
