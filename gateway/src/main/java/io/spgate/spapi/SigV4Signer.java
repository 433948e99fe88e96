package io.spgate.spapi;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs SP-API requests with AWS Signature Version 4 through the AWS SDK's signer, for
 * applications that still carry IAM credentials. Amazon has ignored the signature since October
 * 2023, so applications without credentials send nothing.
 */
public final class SigV4Signer {

  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final AwsCredentialsIdentity credentials;
  private final String service;
  private final String region;
  private final Clock clock;

  public SigV4Signer(AwsCredentialsIdentity credentials, String service, String region, Clock clock) {
    this.credentials = credentials;
    this.service = service;
    this.region = region;
    this.clock = clock;
  }

  /** For SP-API: service {@code execute-api} in the endpoint's AWS region. */
  public static SigV4Signer forSpApi(String accessKeyId, String secretAccessKey, String awsRegion) {
    return new SigV4Signer(AwsCredentialsIdentity.create(accessKeyId, secretAccessKey), "execute-api", awsRegion, Clock.systemUTC());
  }

  /**
   * The request's headers with the signing headers ({@code X-Amz-Date}, {@code Authorization}, …)
   * added. A body that streams through (no bytes at hand) is sent as {@code UNSIGNED-PAYLOAD}.
   */
  public Map<String, List<String>> sign(String method, URI uri, Map<String, List<String>> headers, Optional<byte[]> body) {
    SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
    headers.forEach(request::putHeader);
    SignedRequest signed = signer.sign(r -> r.identity(credentials)
        .request(request.build())
        .payload(body.map(ContentStreamProvider::fromByteArray).orElse(null))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock)
        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, body.isPresent())
        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, true)
        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, true));
    return signed.request().headers();
  }
}
