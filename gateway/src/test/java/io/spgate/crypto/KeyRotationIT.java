package io.spgate.crypto;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.Gateway;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyRotationIT {

  private static final String ADMIN = "spg_rotation-admin-0123456789abcdefghijklmnopqrs";
  private static final String K1 = "k1:" + Base64.getEncoder().encodeToString(filled(1));
  private static final String K2 = "k2:" + Base64.getEncoder().encodeToString(filled(2));

  @Test
  void should_reseal_every_secret_under_the_newest_key_while_a_gateway_serves() throws Exception {
    Path apps = Files.createTempFile("spgate-applications", ".json");
    apps.toFile().deleteOnExit();
    Files.writeString(apps, new JsonArray().add(new JsonObject().put("id", "main").put("applicationId", "amzn1.sp.solution.r")
        .put("clientId", "client").put("clientSecret", "rotating-client-secret")).encode());
    try (TestPostgres postgres = TestPostgres.create()) {
      Map<String, String> settings = new HashMap<>(Map.of("SPGATE_PG_URL", postgres.url().toString(), "SPGATE_ADMIN_KEY", ADMIN,
          "SPGATE_APPLICATIONS_FILE", apps.toString(), "SPGATE_ENCRYPTION_KEYS", K1));
      String sellerId;
      try (TestGateway old = TestGateway.start(settings)) {
        String tenant = await(old.client.post("/v1/tenants").putHeader("Authorization", "Bearer " + ADMIN)
            .sendJsonObject(new JsonObject().put("name", "Rotation"))).bodyAsJsonObject().getString("id");
        await(old.client.put("/v1/applications/main/tenants/" + tenant).putHeader("Authorization", "Bearer " + ADMIN).send());
        sellerId = await(old.client.post("/v1/sellers").addQueryParam("tenantId", tenant).putHeader("Authorization", "Bearer " + ADMIN)
            .sendJsonObject(new JsonObject().put("sellingPartnerId", "A1ROTATE").put("marketplaceIds", new JsonArray().add("ATVPDKIKX0DER"))
                .put("refreshToken", "Atzr|rotate-me"))).bodyAsJsonObject().getString("id");
      }
      settings.put("SPGATE_ENCRYPTION_KEYS", K1 + "," + K2);
      settings.remove("SPGATE_APPLICATIONS_FILE");
      try (TestGateway serving = TestGateway.start(settings)) {
        assertThat(keyIds(serving, postgres)).containsOnly("k1");

        String report = Gateway.rotateKeys(TestGateway.config(settings));

        assertThat(report).contains("'k2'").contains("1 application(s)").contains("1 seller refresh token(s)");
        assertThat(keyIds(serving, postgres)).containsOnly("k2");
        assertThat(await(serving.gateway.services().sellers().refreshToken(UUID.fromString(sellerId)))).isEqualTo("Atzr|rotate-me");
        assertThat(Gateway.rotateKeys(TestGateway.config(settings))).contains("0 application(s), 0 seller");
      }
      settings.put("SPGATE_ENCRYPTION_KEYS", K2);
      try (TestGateway newOnly = TestGateway.start(settings)) {
        assertThat(await(newOnly.gateway.services().sellers().refreshToken(UUID.fromString(sellerId)))).isEqualTo("Atzr|rotate-me");
        assertThat(newOnly.gateway.services().applications().byId("main").orElseThrow().credentials().clientSecret())
            .isEqualTo("rotating-client-secret");
      }
    }
  }

  private static List<String> keyIds(TestGateway gw, TestPostgres postgres) {
    Pool pool = postgres.pool(gw.gateway.vertx(), 1);
    List<String> ids = await(pool.query("SELECT refresh_token_key_id FROM sellers UNION ALL SELECT client_secret_key_id FROM applications")
        .execute().map(rows -> {
          List<String> all = new java.util.ArrayList<>();
          rows.forEach(r -> all.add(r.getString(0)));
          return all;
        }));
    await(pool.close());
    return ids;
  }

  private static byte[] filled(int value) {
    byte[] key = new byte[32];
    java.util.Arrays.fill(key, (byte) value);
    return key;
  }
}
