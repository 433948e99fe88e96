package io.spgate.simulator.data;

/** A developer's registered SP-API application: its LWA client credentials and its solution id. */
public record LwaApplication(String applicationId, String clientId, String clientSecret) {

  static LwaApplication generate(SeededIds ids) {
    return new LwaApplication(
        "amzn1.sp.solution." + ids.uuid(),
        "amzn1.application-oa2-client." + ids.hex(32),
        "amzn1.oa2-cs.v1." + ids.hex(64));
  }
}
