package io.spgate.tenant;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A stored API key: everything but the key itself, which only its creator ever sees. */
public record ApiKey(UUID id, Optional<UUID> tenantId, String name, String prefix, Set<Scope> scopes,
    OffsetDateTime createdAt, Optional<OffsetDateTime> revokedAt) {

  static final String COLUMNS = "id, tenant_id, name, prefix, scopes, created_at, revoked_at";

  static ApiKey from(Row row) {
    Set<Scope> scopes = new LinkedHashSet<>();
    Arrays.stream(row.getArrayOfStrings("scopes")).forEach(s -> Scope.parse(s).ifPresent(scopes::add));
    return new ApiKey(row.getUUID("id"), Optional.ofNullable(row.getUUID("tenant_id")), row.getString("name"),
        row.getString("prefix"), Set.copyOf(scopes), row.getOffsetDateTime("created_at"),
        Optional.ofNullable(row.getOffsetDateTime("revoked_at")));
  }

  Caller toCaller() {
    return new Caller(id, tenantId, scopes);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id.toString())
        .put("tenantId", tenantId.map(UUID::toString).orElse(null))
        .put("name", name)
        .put("prefix", prefix)
        .put("scopes", new JsonArray(scopes.stream().map(Scope::value).sorted().toList()))
        .put("createdAt", createdAt.toString());
    revokedAt.ifPresent(t -> json.put("revokedAt", t.toString()));
    return json;
  }
}
