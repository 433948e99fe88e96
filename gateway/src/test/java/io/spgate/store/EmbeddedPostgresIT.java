package io.spgate.store;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresIT {

  @TempDir
  Path dataDir;

  @Test
  void should_start_embedded_postgres_and_keep_its_data_between_runs() {
    Map<String, String> settings = Map.of("SPGATE_DATA_DIR", dataDir.toString());
    String adminKey;
    try (TestGateway first = TestGateway.start(settings)) {
      Matcher shown = Pattern.compile("(spg_[A-Za-z0-9_-]{43})").matcher(first.shownOnce());
      assertThat(shown.find()).as(first.shownOnce()).isTrue();
      adminKey = shown.group(1);
      assertThat(await(first.client.get("/health/ready").send()).statusCode()).isEqualTo(200);
      HttpResponse<Buffer> created = await(first.client.post("/v1/tenants").putHeader("Authorization", "Bearer " + adminKey)
          .sendJsonObject(new JsonObject().put("name", "Persisted")));
      assertThat(created.statusCode()).isEqualTo(201);
    }
    assertThat(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION"))).isTrue();

    try (TestGateway second = TestGateway.start(settings)) {
      assertThat(second.shownOnce()).doesNotContain("spg_");
      HttpResponse<Buffer> tenants = await(second.client.get("/v1/tenants").putHeader("Authorization", "Bearer " + adminKey).send());
      assertThat(tenants.statusCode()).isEqualTo(200);
      assertThat(tenants.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("name")).isEqualTo("Persisted");
    }
  }
}
