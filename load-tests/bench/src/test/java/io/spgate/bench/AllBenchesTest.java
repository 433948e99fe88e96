package io.spgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllBenchesTest {

  private static final AllBenches.Scenario PROXY = new AllBenches.Scenario("proxy", List.of("--rounds", "3"),
      AllBenches.Goal.parse("ratio>=0.7 added_p99_light_ms<=1 errors=0"), Duration.ofMinutes(15));
  private static final AllBenches.Machine MACHINE = new AllBenches.Machine("Test CPU", 2, "23.4 GiB", "OpenJDK 17", "abc123", "Linux");

  @Test
  void readsTheLastResultLineOfAScenario() {
    Map<String, String> result = AllBenches.result(List.of("RESULT ratio=0.1", "table", "RESULT ratio=0.75 added_p99_light_ms=0.80",
        "done"));

    assertThat(result).containsExactly(Map.entry("ratio", "0.75"), Map.entry("added_p99_light_ms", "0.80"));
    assertThat(AllBenches.result(List.of("no result here"))).isEmpty();
  }

  @Test
  void knowsTheGatewaysLogLinesInEitherFormat() {
    assertThat(AllBenches.LOG_LINE.matcher("{\"time\":\"2026-12-07T14:51:17Z\",\"level\":\"INFO\"}").find()).isTrue();
    assertThat(AllBenches.LOG_LINE.matcher("14:51:17.493 WARN  io.spgate.Gateway - Redis failed").find()).isTrue();
    assertThat(AllBenches.LOG_LINE.matcher("RESULT ratio=0.7").find()).isFalse();
    assertThat(AllBenches.LOG_LINE.matcher("warm-up hop: 10 s; JIT 1.0 %").find()).isFalse();
  }

  @Test
  void aGoalHoldsOnlyOnANumberWithinItsBound() {
    List<AllBenches.Goal> goals = AllBenches.Goal.parse("ratio>=0.7 p99<=1 errors=0");

    assertThat(goals).extracting(AllBenches.Goal::toString).containsExactly("ratio ≥ 0.7", "p99 ≤ 1", "errors = 0");
    assertThat(goals.get(0).holds(Map.of("ratio", "0.70"))).isTrue();
    assertThat(goals.get(0).holds(Map.of("ratio", "0.69"))).isFalse();
    assertThat(goals.get(1).holds(Map.of("p99", "1.01"))).isFalse();
    assertThat(goals.get(2).holds(Map.of("errors", "0"))).isTrue();
    assertThat(goals.get(2).holds(Map.of("errors", "2"))).isFalse();
    assertThat(goals.get(0).holds(Map.of("ratio", "n/a"))).isFalse();
    assertThat(goals.get(0).holds(Map.of())).isFalse();
  }

  @Test
  void thePageGivesTheMachineEachVerdictAndEveryScenariosOutput() {
    AllBenches.Outcome met = outcome(0, "RESULT ratio=0.72 added_p99_light_ms=0.40 errors=0");
    AllBenches.Outcome missed = outcome(0, "RESULT ratio=0.65 added_p99_light_ms=0.40 errors=0");
    AllBenches.Outcome failedChecks = outcome(1, "RESULT ratio=0.72 added_p99_light_ms=0.40 errors=0");
    AllBenches.Outcome crashed = outcome(1, "Exception in thread main");
    AllBenches.Outcome stopped = outcome(AllBenches.TIMED_OUT, "still warming up");

    String page = ResultsPage.render(List.of(met, missed, failedChecks, crashed, stopped), Instant.parse("2026-12-07T14:00:00Z"), MACHINE);

    assertThat(page).contains("commit `abc123`", "2026-12-07 14:00 UTC", "| cores | 2 |", "| memory | 23.4 GiB |", "| JVM | OpenJDK 17 |")
        .contains("| proxy | ratio ≥ 0.7, added_p99_light_ms ≤ 1, errors = 0 | `ratio=0.72 added_p99_light_ms=0.40 errors=0` | met |")
        .contains("**missed**: ratio ≥ 0.7")
        .contains("**failed** (exit 1: the scenario's own checks")
        .contains("**failed** (exit 1, no RESULT line)")
        .contains("**stopped**: ran past 15 min")
        .contains("`ops/bench proxy --rounds 3`", "Exception in thread main\n", "still warming up\n", "`/tmp/proxy.log`");
    assertThat(met.met()).isTrue();
    assertThat(List.of(missed, failedChecks, crashed, stopped)).noneMatch(AllBenches.Outcome::met);
  }

  private static AllBenches.Outcome outcome(int exit, String... output) {
    return new AllBenches.Outcome(PROXY, exit, Duration.ofSeconds(90), List.of(output), AllBenches.result(List.of(output)),
        Path.of("/tmp/proxy.log"));
  }
}
