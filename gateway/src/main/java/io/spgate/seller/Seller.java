package io.spgate.seller;

import io.spgate.http.Problem;
import io.spgate.quota.QuotaOwner;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** A selling partner authorized to one application, owned by one tenant; never carries its refresh token. */
public record Seller(UUID id, UUID tenantId, String sellingPartnerId, String application, Region region,
    List<String> marketplaces, Status status, TokenHealth tokenHealth, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  /** Amazon's merchant id: capital letters and digits. */
  public static final Pattern SELLING_PARTNER_ID = Pattern.compile("[A-Z0-9]{5,32}");

  public enum Status {
    ACTIVE, REAUTH_REQUIRED, DISABLED;

    public String value() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Status> parse(String value) {
      return java.util.Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
    }
  }

  /** What the refresher last saw of this seller's access token. */
  public record TokenHealth(Optional<OffsetDateTime> lastRefreshAt, Optional<OffsetDateTime> expiresAt, Optional<String> lastError) {}

  /** Every call for a seller whose authorization Amazon rejected fails with this, until it is re-authorized. */
  public static Problem reauthRequired(UUID sellerId) {
    return new Problem(409, "seller_reauth_required", "Conflict", "Amazon no longer accepts seller " + sellerId
        + "'s authorization; re-authorize it through POST /v1/sellers/" + sellerId + "/authorizations.");
  }

  /** The buckets this seller's calls draw from: Amazon counts them per application and selling partner. */
  public QuotaOwner quotaOwner() {
    return QuotaOwner.sellingPartner(sellingPartnerId, application, region.code());
  }

  static final String COLUMNS = "id, tenant_id, selling_partner_id, application, region, marketplaces, status, "
      + "last_refresh_at, token_expires_at, last_error, created_at, updated_at";

  static Seller from(Row row) {
    return new Seller(row.getUUID("id"), row.getUUID("tenant_id"), row.getString("selling_partner_id"),
        row.getString("application"), Region.parse(row.getString("region")).orElseThrow(),
        List.of(row.getArrayOfStrings("marketplaces")), Status.parse(row.getString("status")).orElseThrow(),
        new TokenHealth(Optional.ofNullable(row.getOffsetDateTime("last_refresh_at")),
            Optional.ofNullable(row.getOffsetDateTime("token_expires_at")), Optional.ofNullable(row.getString("last_error"))),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("tenantId", tenantId.toString())
        .put("sellingPartnerId", sellingPartnerId)
        .put("application", application)
        .put("region", region.code())
        .put("marketplaceIds", new JsonArray(marketplaces))
        .put("status", status.value())
        .put("token", new JsonObject()
            .put("lastRefreshAt", tokenHealth.lastRefreshAt().map(OffsetDateTime::toString).orElse(null))
            .put("expiresAt", tokenHealth.expiresAt().map(OffsetDateTime::toString).orElse(null))
            .put("lastError", tokenHealth.lastError().orElse(null)))
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString());
  }
}
