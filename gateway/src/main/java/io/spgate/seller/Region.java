package io.spgate.seller;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/** SP-API's three regions: each has its own endpoint and AWS region (for SigV4). */
public enum Region {
  NA("na", "us-east-1", "https://sellingpartnerapi-na.amazon.com"),
  EU("eu", "eu-west-1", "https://sellingpartnerapi-eu.amazon.com"),
  FE("fe", "us-west-2", "https://sellingpartnerapi-fe.amazon.com");

  private final String code;
  private final String awsRegion;
  private final URI endpoint;

  Region(String code, String awsRegion, String endpoint) {
    this.code = code;
    this.awsRegion = awsRegion;
    this.endpoint = URI.create(endpoint);
  }

  public String code() {
    return code;
  }

  public String awsRegion() {
    return awsRegion;
  }

  public URI amazonEndpoint() {
    return endpoint;
  }

  public static Optional<Region> parse(String code) {
    return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
  }
}
