package io.spgate.application;

import io.spgate.crypto.SecretBox;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/** Applications and whom they are shared with, in Postgres; their secrets sealed with the {@link SecretBox}. */
public final class ApplicationStore {

  private static final String COLUMNS = "id, application_id, client_id, client_secret_key_id, client_secret, redirect_uri, draft, "
      + "aws_access_key_id, aws_secret_key_id, aws_secret, aws_role_arn, rates, owner_tenant_id";
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private final Pool pool;
  private final SecretBox box;

  public ApplicationStore(Pool pool, SecretBox box) {
    this.pool = pool;
    this.box = box;
  }

  /** Every application by id, and the tenants each operator's application is shared with. */
  public record Stored(Map<String, Application> applications, Map<String, Set<UUID>> sharing) {}

  /** What became of a change that names a tenant or an application. */
  public enum Outcome { DONE, NO_SUCH_APPLICATION, NO_SUCH_TENANT, IN_USE }

  /** Creates or updates an operator's application (from the file); false when a tenant's application has its id. */
  public Future<Boolean> saveOperators(Application app) {
    return pool.preparedQuery(insert() + " ON CONFLICT (id) DO UPDATE SET application_id = $2, client_id = $3, client_secret_key_id = $4, "
            + "client_secret = $5, redirect_uri = $6, draft = $7, aws_access_key_id = $8, aws_secret_key_id = $9, aws_secret = $10, "
            + "aws_role_arn = $11, rates = $12, updated_at = now() WHERE applications.owner_tenant_id IS NULL RETURNING id")
        .execute(values(app))
        .map(rows -> rows.size() == 1);
  }

  /** Creates an application; false when its id is taken. */
  public Future<Boolean> create(Application app) {
    return pool.preparedQuery(insert() + " ON CONFLICT (id) DO NOTHING RETURNING id")
        .execute(values(app))
        .map(rows -> rows.size() == 1);
  }

  public Future<Stored> all() {
    return stored(pool.query("SELECT " + COLUMNS + " FROM applications").execute(),
        () -> pool.query("SELECT application, tenant_id FROM application_tenants").execute());
  }

  /** One application and whom it is shared with; nothing when there is no such application. */
  public Future<Stored> one(String id) {
    return stored(pool.preparedQuery("SELECT " + COLUMNS + " FROM applications WHERE id = $1").execute(Tuple.of(id)),
        () -> pool.preparedQuery("SELECT application, tenant_id FROM application_tenants WHERE application = $1").execute(Tuple.of(id)));
  }

  private Future<Stored> stored(Future<RowSet<Row>> applications, Supplier<Future<RowSet<Row>>> shares) {
    return applications.compose(rows -> {
      Map<String, Application> apps = new HashMap<>();
      rows.forEach(row -> apps.put(row.getString("id"), open(row)));
      return shares.get().map(shared -> {
        Map<String, Set<UUID>> sharing = new HashMap<>();
        shared.forEach(row -> sharing.computeIfAbsent(row.getString(0), id -> new HashSet<>()).add(row.getUUID(1)));
        return new Stored(apps, sharing);
      });
    });
  }

  /** Shares an operator's application with a tenant (again, if it already was). */
  public Future<Outcome> share(String id, UUID tenantId) {
    return pool.preparedQuery("INSERT INTO application_tenants (application, tenant_id) SELECT id, $2 FROM applications "
            + "WHERE id = $1 AND owner_tenant_id IS NULL ON CONFLICT DO NOTHING")
        .execute(Tuple.of(id, tenantId))
        .map(Outcome.DONE)
        .recover(e -> missing(e, "application_tenants_tenant_id_fkey", Outcome.NO_SUCH_TENANT));
  }

  public Future<Void> unshare(String id, UUID tenantId) {
    return pool.preparedQuery("DELETE FROM application_tenants WHERE application = $1 AND tenant_id = $2")
        .execute(Tuple.of(id, tenantId))
        .mapEmpty();
  }

  /** Shares an operator's application with exactly these tenants (the file's {@code sharedWith}). */
  public Future<Outcome> shareOnly(String id, Set<UUID> tenantIds) {
    Tuple values = Tuple.tuple().addString(id).addArrayOfUUID(tenantIds.toArray(UUID[]::new));
    return pool.withTransaction(conn -> conn
            .preparedQuery("DELETE FROM application_tenants WHERE application = $1 AND NOT (tenant_id = ANY ($2))")
            .execute(values)
            .compose(deleted -> conn.preparedQuery("INSERT INTO application_tenants (application, tenant_id) "
                    + "SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING")
                .execute(values)))
        .map(Outcome.DONE)
        .recover(e -> missing(e, "application_tenants_tenant_id_fkey", Outcome.NO_SUCH_TENANT));
  }

  /** Deletes an application (of that owner, when given) that no seller uses, and the consent flows begun for it. */
  public Future<Outcome> delete(String id, Optional<UUID> owner) {
    return pool.preparedQuery("DELETE FROM applications WHERE id = $1 AND ($2::uuid IS NULL OR owner_tenant_id = $2)")
        .execute(Tuple.of(id, owner.orElse(null)))
        .map(rows -> rows.rowCount() == 1 ? Outcome.DONE : Outcome.NO_SUCH_APPLICATION)
        .recover(e -> missing(e, "sellers_application_fkey", Outcome.IN_USE));
  }

  /** Re-seals every application's secrets under the newest key; answers how many applications changed. */
  public Future<Integer> resealAll() {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM applications WHERE client_secret_key_id <> $1 OR aws_secret_key_id <> $1")
        .execute(Tuple.of(box.newestKeyId()))
        .compose(rows -> {
          List<Tuple> updates = new ArrayList<>();
          for (Row row : rows) {
            Tuple values = values(open(row));
            updates.add(Tuple.of(values.getValue(0), values.getValue(3), values.getValue(4), values.getValue(8), values.getValue(9)));
          }
          return updates.isEmpty() ? Future.succeededFuture(0) : pool.preparedQuery("UPDATE applications SET client_secret_key_id = $2, "
                  + "client_secret = $3, aws_secret_key_id = $4, aws_secret = $5, updated_at = now() WHERE id = $1")
              .executeBatch(updates)
              .map(updates.size());
        });
  }

  private static String insert() {
    return "INSERT INTO applications (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
  }

  /** The row's values, secrets sealed, in {@link #COLUMNS}' order. */
  private Tuple values(Application app) {
    SecretBox.Sealed secret = box.seal(app.credentials().clientSecret(), clientSecretContext(app.id()));
    Optional<SecretBox.Sealed> aws = app.aws().map(a -> box.seal(a.secretAccessKey(), awsSecretContext(app.id())));
    return Tuple.from(new Object[] {app.id(), app.applicationId(), app.credentials().clientId(), secret.keyId(),
        Buffer.buffer(secret.bytes()), app.redirectUri().orElse(null), app.draft(),
        app.aws().map(Application.AwsCredentials::accessKeyId).orElse(null), aws.map(SecretBox.Sealed::keyId).orElse(null),
        aws.map(s -> Buffer.buffer(s.bytes())).orElse(null), app.aws().flatMap(Application.AwsCredentials::roleArn).orElse(null),
        app.ratesJson(), app.owner().orElse(null)});
  }

  private Application open(Row row) {
    String id = row.getString("id");
    String secret = box.open(new SecretBox.Sealed(row.getString("client_secret_key_id"), row.getBuffer("client_secret").getBytes()),
        clientSecretContext(id));
    Optional<Application.AwsCredentials> aws = Optional.ofNullable(row.getString("aws_access_key_id")).map(keyId ->
        new Application.AwsCredentials(keyId,
            box.open(new SecretBox.Sealed(row.getString("aws_secret_key_id"), row.getBuffer("aws_secret").getBytes()),
                awsSecretContext(id)),
            Optional.ofNullable(row.getString("aws_role_arn"))));
    return new Application(id, row.getString("application_id"), new ClientCredentials(row.getString("client_id"), secret),
        Optional.ofNullable(row.getString("redirect_uri")), row.getBoolean("draft"), aws,
        ApplicationsFile.rates((JsonObject) row.getJson("rates"), "application " + id + " rates"),
        Optional.ofNullable(row.getUUID("owner_tenant_id")));
  }

  /** A foreign key that names nothing (a tenant or application gone, or a seller still using an application) is an answer. */
  private static Future<Outcome> missing(Throwable e, String constraint, Outcome outcome) {
    return e instanceof PgException pg && FOREIGN_KEY_VIOLATION.equals(pg.getSqlState()) && constraint.equals(pg.getConstraint())
        ? Future.succeededFuture(outcome) : Future.failedFuture(e);
  }

  static String clientSecretContext(String applicationId) {
    return "application:" + applicationId + ":client_secret";
  }

  static String awsSecretContext(String applicationId) {
    return "application:" + applicationId + ":aws_secret";
  }
}
