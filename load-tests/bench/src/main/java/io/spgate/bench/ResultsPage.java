package io.spgate.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** load-tests/RESULTS.md as {@code ops/bench all} writes it: a summary table first, then each scenario's own output. */
final class ResultsPage {

  private ResultsPage() {}

  static String render(List<AllBenches.Outcome> outcomes, Instant started, AllBenches.Machine machine) {
    StringBuilder page = new StringBuilder();
    page.append("# Benchmark results\n\n")
        .append("Written by `ops/bench all`, started ").append(AllBenches.utc(started)).append(", on commit `").append(machine.commit())
        .append("`. Each scenario ran once, alone on the machine, in a JVM of its own, with the flags shown. README.md's ")
        .append("Benchmarks section says what each figure means; a goal counts as met when it holds in three runs in a row, ")
        .append("so one page is one run of a series.\n\n")
        .append("## Machine\n\n")
        .append("| | |\n|---|---|\n")
        .append("| CPU | ").append(machine.cpu()).append(" |\n")
        .append("| cores | ").append(machine.cores()).append(" |\n")
        .append("| memory | ").append(machine.memory()).append(" |\n")
        .append("| JVM | ").append(machine.jvm()).append(" |\n")
        .append("| OS | ").append(machine.os()).append(" |\n\n")
        .append("## Summary\n\n")
        .append("| scenario | goal | RESULT | verdict | took |\n|---|---|---|---|---|\n");
    for (AllBenches.Outcome outcome : outcomes) {
      page.append("| ").append(outcome.scenario().name())
          .append(" | ").append(outcome.scenario().goals().stream().map(AllBenches.Goal::toString).collect(Collectors.joining(", ")))
          .append(" | ").append(outcome.result().isEmpty() ? "no RESULT line" : "`" + resultLine(outcome) + "`")
          .append(" | ").append(verdict(outcome))
          .append(" | ").append(minutes(outcome.took())).append(" |\n");
    }
    for (AllBenches.Outcome outcome : outcomes) {
      page.append("\n## ").append(outcome.scenario().name()).append("\n\n")
          .append("`ops/bench ").append(outcome.scenario().name());
      outcome.scenario().flags().forEach(flag -> page.append(' ').append(flag));
      page.append("`: ").append(verdict(outcome)).append(", ").append(minutes(outcome.took())).append(" (with the log lines of the ")
          .append("gateways it ran in its own JVM: `").append(outcome.fullOutput()).append("`).\n\n")
          .append("```text\n");
      outcome.output().forEach(line -> page.append(line).append('\n'));
      page.append("```\n");
    }
    return page.toString();
  }

  static String resultLine(AllBenches.Outcome outcome) {
    return outcome.result().entrySet().stream().map(Map.Entry::getKey).map(k -> k + "=" + outcome.result().get(k))
        .collect(Collectors.joining(" "));
  }

  /** Met, or what missed: the goals that do not hold, a failed exit, a time-out. */
  private static String verdict(AllBenches.Outcome outcome) {
    if (outcome.timedOut()) {
      return "**stopped**: ran past " + outcome.scenario().limit().toMinutes() + " min";
    }
    if (outcome.result().isEmpty()) {
      return "**failed** (exit " + outcome.exitCode() + ", no RESULT line)";
    }
    String missed = outcome.scenario().goals().stream().filter(goal -> !goal.holds(outcome.result())).map(AllBenches.Goal::toString)
        .collect(Collectors.joining(", "));
    if (!missed.isEmpty()) {
      return "**missed**: " + missed;
    }
    return outcome.exitCode() == 0 ? "met" : "**failed** (exit " + outcome.exitCode() + ": the scenario's own checks, see its output)";
  }

  private static String minutes(Duration took) {
    return String.format(java.util.Locale.ROOT, "%.1f min", took.toMillis() / 60_000.0);
  }
}
