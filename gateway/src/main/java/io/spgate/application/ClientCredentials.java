package io.spgate.application;

/** The client id and secret of one LWA application; {@link #toString()} never shows the secret. */
public record ClientCredentials(String clientId, String clientSecret) {
  @Override
  public String toString() {
    return "ClientCredentials[" + clientId + "]";
  }
}
