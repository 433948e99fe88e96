package io.spgate.simulator.data;

import io.vertx.core.json.JsonObject;

/** A buyer's shipping address: personally identifiable, served only with a Restricted Data Token. */
public record PostalAddress(String name, String line1, String city, String stateOrRegion, String postalCode, String countryCode,
    String phone) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("Name", name)
        .put("AddressLine1", line1)
        .put("City", city)
        .put("StateOrRegion", stateOrRegion)
        .put("PostalCode", postalCode)
        .put("CountryCode", countryCode)
        .put("Phone", phone)
        .put("AddressType", "Residential");
  }
}
