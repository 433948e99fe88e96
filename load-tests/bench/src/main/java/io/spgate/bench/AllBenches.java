package io.spgate.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code ops/bench all}: every scenario one after the other, each in a JVM of its own (as {@code
 * ops/bench <scenario>} runs it, so one scenario's heap and threads never weigh on the next), then
 * {@code load-tests/RESULTS.md}: the machine, the commit, and per scenario its RESULT line against
 * its goal, and its whole printed output (tables and ratios against the in-run baselines).
 */
final class AllBenches {

  /** Each scenario with the flags {@code all} runs it with (its defaults, unless said) and its goal. */
  static final List<Scenario> SCENARIOS = List.of(
      new Scenario("proxy", List.of(), Goal.parse("ratio>=0.7 added_p99_light_ms<=1"), Duration.ofMinutes(15)),
      new Scenario("quota", List.of(), Goal.parse("throttled=0 utilization>=0.98"), Duration.ofMinutes(10)),
      new Scenario("tokens", List.of(), Goal.parse("lwa_calls_per_seller_per_lifetime<=1.01 expired_sends=0"), Duration.ofMinutes(12)),
      new Scenario("reports", List.of(), Goal.parse("ratio>=0.8 heap_max_mb<=128"), Duration.ofMinutes(12)),
      new Scenario("fanout", List.of(), Goal.parse("accept_ms<=1000 ratio<=1.05 items_with_result=100000 throttled=0"),
          Duration.ofMinutes(15)),
      // The lag goal (one notification delivery plus one getOrder slot, 7 s at the defaults) is the bench's own verdict,
      // its exit status; the RESULT line carries the figures.
      new Scenario("orders", List.of(), Goal.parse("duplicates=0 missing=0 stale=0 webhooks_missing=0 lag_p99_s<=7"),
          Duration.ofMinutes(15)),
      new Scenario("fairness", List.of(), Goal.parse("ratio<=1.1 b_errors=0"), Duration.ofMinutes(10)));

  private AllBenches() {}

  /** One scenario as {@code all} runs it. */
  record Scenario(String name, List<String> flags, List<Goal> goals, Duration limit) {}

  /**
   * What one scenario gave: its printed output without the log lines of gateways it runs in its own JVM (thousands, in
   * quota's baseline), which stay in {@code fullOutput}.
   */
  record Outcome(Scenario scenario, int exitCode, Duration took, List<String> output, Map<String, String> result, Path fullOutput) {
    boolean timedOut() {
      return exitCode == TIMED_OUT;
    }

    /** Met when the RESULT line is there, every goal holds on it, and the scenario itself exited 0. */
    boolean met() {
      return exitCode == 0 && !result.isEmpty() && scenario.goals().stream().allMatch(goal -> goal.holds(result));
    }
  }

  static final int TIMED_OUT = -1;

  static boolean run(Flags flags, Path repository) throws IOException, InterruptedException {
    List<String> only = list(flags.text("only", ""));
    Path out = Path.of(flags.text("out", repository.resolve("load-tests/RESULTS.md").toString()));
    flags.requireAllRead();
    List<Scenario> chosen = SCENARIOS.stream().filter(s -> only.isEmpty() || only.contains(s.name())).toList();
    if (chosen.isEmpty() || !SCENARIOS.stream().map(Scenario::name).toList().containsAll(only)) {
      throw new IllegalArgumentException("--only must list some of " + SCENARIOS.stream().map(Scenario::name).toList() + ", got " + only);
    }
    Instant started = Instant.now();
    List<Outcome> outcomes = new ArrayList<>();
    for (Scenario scenario : chosen) {
      System.out.printf("%n===== ops/bench %s %s (at most %d min) =====%n", scenario.name(), String.join(" ", scenario.flags()),
          scenario.limit().toMinutes());
      outcomes.add(runOne(scenario));
      // Written after every scenario, so an interrupted run keeps what it measured.
      Files.writeString(out, ResultsPage.render(outcomes, started, Machine.describe(repository)));
    }
    System.out.printf("%nops/bench all: %d scenarios in %d min; %s written%n", outcomes.size(),
        Duration.between(started, Instant.now()).toMinutes(), out);
    outcomes.forEach(o -> System.out.printf("  %-9s %s %s%n", o.scenario().name(), o.met() ? "met   " : "MISSED",
        o.result().isEmpty() ? "(no RESULT line)" : ResultsPage.resultLine(o)));
    return outcomes.stream().allMatch(Outcome::met);
  }

  /** Runs {@code ops/bench <scenario>} as a child JVM on this class path, its output shown as it comes and kept. */
  private static Outcome runOne(Scenario scenario) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-Xm")).toList());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Bench.class.getName(), scenario.name()));
    command.addAll(scenario.flags());
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> output = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          System.out.println(line);
          synchronized (output) {
            output.add(line);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, "bench-output-" + scenario.name());
    reader.start();
    int exit;
    if (process.waitFor(scenario.limit().toMillis(), TimeUnit.MILLISECONDS)) {
      exit = process.exitValue();
    } else {
      System.out.printf("ops/bench all: %s ran past %d min: stopped%n", scenario.name(), scenario.limit().toMinutes());
      // Its own components (gateways, simulator) are its children: SIGTERM lets its shutdown hook stop them.
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
      }
      exit = TIMED_OUT;
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    List<String> all;
    synchronized (output) {
      all = List.copyOf(output);
    }
    Path fullOutput = Files.createTempFile("spgate-bench-" + scenario.name() + "-", ".log");
    Files.write(fullOutput, all);
    List<String> printed = all.stream().filter(line -> !LOG_LINE.matcher(line).find()).toList();
    return new Outcome(scenario, exit, Duration.ofNanos(System.nanoTime() - start), printed, result(printed), fullOutput);
  }

  /** A gateway's log line, JSON or text (SPGATE_LOG_FORMAT), as an in-JVM gateway writes it to the scenario's output. */
  static final Pattern LOG_LINE = Pattern.compile("^(\\{\"time\":|\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO|WARN|ERROR) )");

  /** The last {@code RESULT k=v ...} line's figures, in order; empty when there is none. */
  static Map<String, String> result(List<String> output) {
    Map<String, String> figures = new LinkedHashMap<>();
    for (int i = output.size() - 1; i >= 0; i--) {
      if (output.get(i).startsWith("RESULT ")) {
        for (String pair : output.get(i).substring("RESULT ".length()).trim().split("\\s+")) {
          int eq = pair.indexOf('=');
          if (eq > 0) {
            figures.put(pair.substring(0, eq), pair.substring(eq + 1));
          }
        }
        break;
      }
    }
    return figures;
  }

  private static List<String> list(String raw) {
    return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** One condition on a RESULT figure: {@code name<=1}, {@code name>=0.7} or {@code name=0}. */
  record Goal(String figure, String operator, double bound) {
    static List<Goal> parse(String goals) {
      return Arrays.stream(goals.split(" ")).map(Goal::parseOne).toList();
    }

    private static Goal parseOne(String goal) {
      for (String operator : List.of("<=", ">=", "=")) {
        int at = goal.indexOf(operator);
        if (at > 0) {
          return new Goal(goal.substring(0, at), operator, Double.parseDouble(goal.substring(at + operator.length())));
        }
      }
      throw new IllegalArgumentException("not a goal: " + goal);
    }

    /** False when the figure is missing or not a number ("n/a"). */
    boolean holds(Map<String, String> result) {
      double value;
      try {
        value = Double.parseDouble(result.getOrDefault(figure, "n/a"));
      } catch (NumberFormatException e) {
        return false;
      }
      return switch (operator) {
        case "<=" -> value <= bound;
        case ">=" -> value >= bound;
        default -> value == bound;
      };
    }

    @Override
    public String toString() {
      return figure + " " + (operator.equals("<=") ? "≤" : operator.equals(">=") ? "≥" : "=") + " " + Flags.plain(bound);
    }
  }

  /** What the figures were measured on: they mean little without it. */
  record Machine(String cpu, int cores, String memory, String jvm, String commit, String os) {
    static Machine describe(Path repository) {
      return new Machine(firstValue(Path.of("/proc/cpuinfo"), "model name"), Runtime.getRuntime().availableProcessors(),
          totalMemory(), System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"), commit(repository),
          System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    private static String totalMemory() {
      String total = firstValue(Path.of("/proc/meminfo"), "MemTotal");
      try {
        return String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(total.replace("kB", "").trim()) / 1024.0 / 1024.0);
      } catch (NumberFormatException e) {
        return total;
      }
    }

    private static String firstValue(Path file, String key) {
      try {
        return Files.readAllLines(file).stream().filter(l -> l.startsWith(key)).map(l -> l.substring(l.indexOf(':') + 1).trim())
            .findFirst().orElse("unknown");
      } catch (IOException e) {
        return "unknown";
      }
    }

    /** HEAD's hash, marked when the working tree differs from it (the figures are then of uncommitted code). */
    private static String commit(Path repository) {
      String head = git(repository, "rev-parse", "--short=12", "HEAD");
      String changes = git(repository, "status", "--porcelain", "--untracked-files=no");
      return head.isEmpty() ? "unknown (not a git checkout)" : changes.isEmpty() ? head : head + " with uncommitted changes";
    }

    private static String git(Path repository, String... args) {
      List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
      command.addAll(List.of(args));
      try {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return process.waitFor() == 0 ? text : "";
      } catch (IOException e) {
        return "";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "";
      }
    }
  }

  static String utc(Instant at) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(at);
  }
}
