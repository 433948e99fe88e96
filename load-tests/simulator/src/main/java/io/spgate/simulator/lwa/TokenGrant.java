package io.spgate.simulator.lwa;

import io.spgate.simulator.data.LwaApplication;
import io.spgate.simulator.data.Seller;
import java.time.Instant;
import java.util.List;

/**
 * What an access token stands for. A seller token acts for one selling partner; a grantless token (client_credentials)
 * for the application alone, within its scope; a Restricted Data Token for one seller and the restricted resources
 * it was created for.
 */
public record TokenGrant(Kind kind, Seller seller, LwaApplication application, String scope, Instant expiresAt,
    List<RestrictedResource> restrictedResources) {

  public enum Kind { SELLER, GRANTLESS, RESTRICTED_DATA }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** The party whose quota a call draws on: the selling partner, or the application for grantless calls. */
  public String callerId() {
    return seller != null ? seller.sellerId() : application.applicationId();
  }

  /** A restricted resource of an RDT; {@code path} may be concrete or keep {orderId}-style placeholders. */
  public record RestrictedResource(String method, String path, List<String> dataElements) {

    public boolean covers(String requestMethod, String requestPath, String templatePath) {
      return method.equalsIgnoreCase(requestMethod) && (path.equals(requestPath) || path.equals(templatePath));
    }
  }
}
