package io.spgate.application;

import io.spgate.crypto.SecretBox;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Applications in Postgres, their secrets sealed with the {@link SecretBox}. */
public final class ApplicationStore {

  private static final String COLUMNS = "id, application_id, client_id, client_secret_key_id, client_secret, redirect_uri, draft, "
      + "aws_access_key_id, aws_secret_key_id, aws_secret, aws_role_arn, rates";

  private final Pool pool;
  private final SecretBox box;

  public ApplicationStore(Pool pool, SecretBox box) {
    this.pool = pool;
    this.box = box;
  }

  public Future<Void> save(Application app) {
    SecretBox.Sealed secret = box.seal(app.credentials().clientSecret(), clientSecretContext(app.id()));
    Optional<SecretBox.Sealed> aws = app.aws().map(a -> box.seal(a.secretAccessKey(), awsSecretContext(app.id())));
    return pool.preparedQuery("INSERT INTO applications (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
            + "ON CONFLICT (id) DO UPDATE SET application_id = $2, client_id = $3, client_secret_key_id = $4, client_secret = $5, "
            + "redirect_uri = $6, draft = $7, aws_access_key_id = $8, aws_secret_key_id = $9, aws_secret = $10, aws_role_arn = $11, "
            + "rates = $12, updated_at = now()")
        .execute(Tuple.from(new Object[] {app.id(), app.applicationId(), app.credentials().clientId(), secret.keyId(),
            Buffer.buffer(secret.bytes()), app.redirectUri().orElse(null), app.draft(),
            app.aws().map(Application.AwsCredentials::accessKeyId).orElse(null), aws.map(SecretBox.Sealed::keyId).orElse(null),
            aws.map(s -> Buffer.buffer(s.bytes())).orElse(null), app.aws().flatMap(Application.AwsCredentials::roleArn).orElse(null),
            app.ratesJson()}))
        .mapEmpty();
  }

  public Future<Map<String, Application>> all() {
    return pool.query("SELECT " + COLUMNS + " FROM applications").execute().map(rows -> {
      Map<String, Application> apps = new HashMap<>();
      rows.forEach(row -> apps.put(row.getString("id"), open(row)));
      return apps;
    });
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
        ApplicationsFile.rates((JsonObject) row.getJson("rates"), "application " + id + " rates"));
  }

  /** Re-seals every application's secrets under the newest key; answers how many applications changed. */
  public Future<Integer> resealAll() {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM applications WHERE client_secret_key_id <> $1 OR aws_secret_key_id <> $1")
        .execute(Tuple.of(box.newestKeyId()))
        .compose(rows -> {
          Future<Void> chain = Future.succeededFuture();
          int count = 0;
          for (Row row : rows) {
            Application app = open(row);
            chain = chain.compose(v -> save(app));
            count++;
          }
          int changed = count;
          return chain.map(changed);
        });
  }

  static String clientSecretContext(String applicationId) {
    return "application:" + applicationId + ":client_secret";
  }

  static String awsSecretContext(String applicationId) {
    return "application:" + applicationId + ":aws_secret";
  }
}
