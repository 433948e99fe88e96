package io.spgate.simulator.data;

/** The three SP-API regions; each has its own endpoint host, all served here on one port. */
public enum Region {
  NA("na", "us-east-1"),
  EU("eu", "eu-west-1"),
  FE("fe", "us-west-2");

  private final String code;
  private final String awsRegion;

  Region(String code, String awsRegion) {
    this.code = code;
    this.awsRegion = awsRegion;
  }

  /** The lower-case code used in Amazon's host names (sellingpartnerapi-na) and in our path prefix (/na). */
  public String code() {
    return code;
  }

  public String awsRegion() {
    return awsRegion;
  }

  public static Region fromCode(String code) {
    for (Region r : values()) {
      if (r.code.equalsIgnoreCase(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown region " + code);
  }
}
