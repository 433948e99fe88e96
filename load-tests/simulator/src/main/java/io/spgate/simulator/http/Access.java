package io.spgate.simulator.http;

/** Which token an operation accepts. */
public enum Access {
  /** A seller's LWA access token, or an RDT that covers the call. */
  SELLER,
  /** Only a Restricted Data Token covering this method and path (buyer PII). */
  RESTRICTED,
  /** A grantless token (client_credentials) with the notifications scope. */
  GRANTLESS_NOTIFICATIONS
}
