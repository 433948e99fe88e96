package io.spgate.simulator.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.model.ModelCatalog;
import io.spgate.simulator.support.OfficialModels;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RateLimitTableTest {

  @Test
  void the_quota_table_equals_rate_limits_tsv() {
    List<String> lines = OfficialModels.read("rate-limits.tsv").lines().skip(1).filter(l -> !l.isBlank()).toList();
    Set<String> expected = lines.stream().map(line -> {
      String[] f = line.split("\t");
      return String.join("|", f[0], f[1], f[2], f[3], Double.toString(Double.parseDouble(f[4])), f[5]);
    }).collect(Collectors.toSet());
    Set<String> actual = RateLimitTable.load().all().stream()
        .map(l -> String.join("|", l.api(), l.operationId(), l.method(), l.path(), Double.toString(l.ratePerSecond()),
            Integer.toString(l.burst())))
        .collect(Collectors.toSet());
    assertThat(actual).hasSize(lines.size()).isEqualTo(expected);
  }

  @Test
  void every_operation_of_the_served_models_that_has_a_usage_plan_is_in_the_table() {
    RateLimitTable table = RateLimitTable.load();
    ModelCatalog.load().operations().values().stream()
        .filter(op -> op.api().startsWith("orders") || op.api().startsWith("sellers"))
        .forEach(op -> assertThat(table.limit(op.api(), op.method(), op.path())).as(op.key()).isPresent());
  }

  @Test
  void a_malformed_row_is_refused_rather_than_guessed() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RateLimitTable.parse("api\toperationId\tmethod\tpath\trate_per_s\tburst\nx\ty\tGET\t/p\t1\n"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("line 2");
  }
}
