package io.spgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table is the operator's reference: it must list every setting. */
class ReadmeConfigTableTest {

  @Test
  void should_document_every_setting_in_the_readme() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));

    for (Setting<?> setting : GatewayConfig.SETTINGS) {
      assertThat(readme).as(setting.key()).contains("| `" + setting.key() + "` |");
      if (!setting.key().equals("SPGATE_HTTP_INSTANCES")) {
        String documentedDefault = setting.defaultValue().isEmpty() ? "*(empty)*" : "`" + setting.defaultValue() + "`";
        assertThat(readme).as(setting.key() + " default").contains("| `" + setting.key() + "` | " + documentedDefault + " |");
      }
    }
  }
}
