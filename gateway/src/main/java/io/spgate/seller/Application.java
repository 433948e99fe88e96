package io.spgate.seller;

import io.spgate.lwa.LwaClient;
import java.util.Optional;

/**
 * One LWA application (an SP-API app registered in Seller Central or the Developer Console).
 * Holds its secrets in memory only; {@link #toString()} never shows them.
 */
public record Application(String id, String applicationId, LwaClient.ClientCredentials credentials,
    Optional<String> redirectUri, boolean draft, Optional<AwsCredentials> aws) {

  /** IAM credentials for SigV4, which Amazon stopped requiring in October 2023. */
  public record AwsCredentials(String accessKeyId, String secretAccessKey, Optional<String> roleArn) {
    @Override
    public String toString() {
      return "AwsCredentials[" + accessKeyId + "]";
    }
  }
}
