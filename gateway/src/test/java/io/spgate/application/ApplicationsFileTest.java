package io.spgate.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spgate.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationsFileTest {

  private static final String ENTRY = "{\"id\": \"main\", \"applicationId\": \"a\", \"clientId\": \"c\", \"clientSecret\": \"s\"%s}";

  @TempDir
  Path dir;

  @Test
  void should_read_the_tenants_an_operators_application_is_shared_with_when_the_entry_lists_them() throws IOException {
    UUID tenant = UUID.randomUUID();

    ApplicationsFile.Entry listed = ApplicationsFile.read(file(", \"sharedWith\": [\"" + tenant + "\"]")).get(0);
    ApplicationsFile.Entry unlisted = ApplicationsFile.read(file("")).get(0);

    assertThat(listed.sharedWith()).contains(Set.of(tenant));
    assertThat(listed.application().owner()).isEmpty();
    assertThat(unlisted.sharedWith()).isEqualTo(Optional.empty());
  }

  @Test
  void should_refuse_shared_with_that_is_not_a_list_of_tenant_ids() {
    for (String bad : new String[] {", \"sharedWith\": \"all\"", ", \"sharedWith\": [\"not-a-uuid\"]", ", \"sharedWith\": [1]"}) {
      assertThatThrownBy(() -> ApplicationsFile.read(file(bad))).isInstanceOf(ConfigException.class)
          .hasMessageContaining("entry 0 has 'sharedWith' that is not an array of tenant ids");
    }
  }

  private Path file(String more) throws IOException {
    Path file = Files.createTempFile(dir, "applications", ".json");
    Files.writeString(file, "[" + ENTRY.formatted(more) + "]");
    return file;
  }
}
