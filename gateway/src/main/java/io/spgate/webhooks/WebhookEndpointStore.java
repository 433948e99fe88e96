package io.spgate.webhooks;

import io.spgate.crypto.SecretBox;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Webhook endpoints, always read and changed within their tenant; the signing secret is stored sealed. */
final class WebhookEndpointStore {

  /** Endpoints a tenant may have; each event is sent to each of them, so they are few. */
  static final int MAX_PER_TENANT = 20;

  private final Pool pool;
  private final SecretBox box;

  WebhookEndpointStore(Pool pool, SecretBox box) {
    this.pool = pool;
    this.box = box;
  }

  /** Which row and column a sealed secret belongs to: it opens nowhere else. */
  static String secretContext(UUID endpointId) {
    return "webhook_endpoints.secret:" + endpointId;
  }

  /** The new endpoint, or empty when the tenant has {@link #MAX_PER_TENANT} already. */
  Future<Optional<WebhookEndpoint>> create(UUID tenantId, EndpointInput input, String secret) {
    UUID id = UUID.randomUUID();
    SecretBox.Sealed sealed = box.seal(secret, secretContext(id));
    // A soft bound: two creations at the same moment may both pass it.
    return pool.preparedQuery("INSERT INTO webhook_endpoints (id, tenant_id, url, description, event_types, secret_key_id,"
            + " secret_sealed) SELECT $1::uuid, $2::uuid, $3::text, $4::text, $5::text[], $6::text, $7::bytea"
            + " WHERE (SELECT count(*) FROM webhook_endpoints WHERE tenant_id = $2) < " + MAX_PER_TENANT
            + " RETURNING " + WebhookEndpoint.COLUMNS)
        .execute(Tuple.from(new Object[] {id, tenantId, input.url().orElseThrow().toString(), input.description().flatMap(d -> d)
            .orElse(null), input.eventTypes().orElseThrow().toArray(String[]::new), sealed.keyId(), Buffer.buffer(sealed.bytes())}))
        .map(WebhookEndpointStore::first);
  }

  Future<Optional<WebhookEndpoint>> get(UUID tenantId, UUID id) {
    return pool.preparedQuery("SELECT " + WebhookEndpoint.COLUMNS + " FROM webhook_endpoints WHERE id = $1 AND tenant_id = $2")
        .execute(Tuple.of(id, tenantId))
        .map(WebhookEndpointStore::first);
  }

  /** All of the tenant's endpoints (at most {@link #MAX_PER_TENANT}), oldest first. */
  Future<List<WebhookEndpoint>> list(UUID tenantId) {
    return pool.preparedQuery("SELECT " + WebhookEndpoint.COLUMNS + " FROM webhook_endpoints WHERE tenant_id = $1 ORDER BY created_at, id")
        .execute(Tuple.of(tenantId))
        .map(rows -> {
          List<WebhookEndpoint> endpoints = new ArrayList<>();
          rows.forEach(row -> endpoints.add(WebhookEndpoint.from(row)));
          return endpoints;
        });
  }

  /**
   * Changes what the input names. Enabling an endpoint clears why it was disabled and its run of
   * failures, so it gets three more days; disabling it by hand says so.
   */
  Future<Optional<WebhookEndpoint>> update(UUID tenantId, UUID id, EndpointInput input) {
    return pool.preparedQuery("UPDATE webhook_endpoints SET url = coalesce($3::text, url),"
            + " event_types = coalesce($4::text[], event_types),"
            + " description = CASE WHEN $5::boolean THEN $6::text ELSE description END,"
            + " disabled_reason = CASE WHEN $7::boolean IS NULL OR $7::boolean = enabled THEN disabled_reason"
            + " WHEN $7::boolean THEN NULL ELSE 'Disabled through the API.' END,"
            + " failing_since = CASE WHEN $7::boolean AND NOT enabled THEN NULL ELSE failing_since END,"
            + " enabled = coalesce($7::boolean, enabled), updated_at = now()"
            + " WHERE id = $1 AND tenant_id = $2 RETURNING " + WebhookEndpoint.COLUMNS)
        .execute(Tuple.from(new Object[] {id, tenantId, input.url().map(Object::toString).orElse(null),
            input.eventTypes().map(t -> t.toArray(String[]::new)).orElse(null), input.description().isPresent(),
            input.description().flatMap(d -> d).orElse(null), input.enabled().orElse(null)}))
        .map(WebhookEndpointStore::first);
  }

  /** Whether the endpoint was there to delete; its deliveries and their attempts go with it. */
  Future<Boolean> delete(UUID tenantId, UUID id) {
    return pool.preparedQuery("DELETE FROM webhook_endpoints WHERE id = $1 AND tenant_id = $2")
        .execute(Tuple.of(id, tenantId))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Opens a sealed secret read along with an endpoint (the delivery worker's query). */
  String secret(UUID endpointId, String keyId, Buffer sealed) {
    return box.open(new SecretBox.Sealed(keyId, sealed.getBytes()), secretContext(endpointId));
  }

  private static Optional<WebhookEndpoint> first(RowSet<Row> rows) {
    return rows.iterator().hasNext() ? Optional.of(WebhookEndpoint.from(rows.iterator().next())) : Optional.empty();
  }
}
