package io.spgate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A part of the system under test (simulator, bare hop, gateway) run as its own JVM on the bench's
 * class path, with default JVM settings as in production, its output in a log file. Stopped with
 * SIGTERM (the gateway shuts down cleanly), killed if it has not gone after 10 s, and on the
 * bench's own exit.
 */
final class ComponentJvm implements AutoCloseable {

  /** USER_HZ, which /proc counts CPU time in: 100 on every Linux architecture Java runs on. */
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  private final String name;
  private final Process process;
  private final Path log;

  private ComponentJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code mainClass} with {@code args}; the environment is the bench's without SPGATE_*
   * settings, plus {@code env}. JVM options come from {@code <NAME>_JAVA_OPTS} if set (e.g.
   * GATEWAY_JAVA_OPTS=-XX:StartFlightRecording=... to profile the gateway under load).
   */
  static ComponentJvm start(String name, String mainClass, List<String> args, Map<String, String> env, Path logDir) {
    return start(name, List.of(), mainClass, args, env, logDir);
  }

  /**
   * As {@link #start(String, String, List, Map, Path)}, with JVM options the scenario needs (such as
   * a heap limit); they come after {@code <NAME>_JAVA_OPTS}, so they hold over a setting there.
   */
  static ComponentJvm start(String name, List<String> jvmOptions, String mainClass, List<String> args, Map<String, String> env,
      Path logDir) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    String options = System.getenv(name.toUpperCase(java.util.Locale.ROOT) + "_JAVA_OPTS");
    if (options != null && !options.isBlank()) {
      command.addAll(List.of(options.trim().split("\\s+")));
    }
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(args);
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("SPGATE_"));
    // No load balancer watches a bench's gateways: stopped, they drain at once instead of serving on, not ready, first.
    builder.environment().put("SPGATE_SHUTDOWN_DELAY", "0s");
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      ComponentJvm jvm = new ComponentJvm(name, process, log);
      Runtime.getRuntime().addShutdownHook(new Thread(jvm::close, "stop-" + name));
      return jvm;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** Waits (on the calling thread, never an event loop) until {@code ready} holds; fails if the JVM exits or time runs out. */
  void awaitReady(BooleanSupplier ready, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ready.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with status " + process.exitValue() + "; last lines of " + log + ":\n" + tail());
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s; last lines of " + log + ":\n" + tail());
      }
      // The conditions (a file written, a port open, /health/ready) have no event to wait on, so they are
      // looked at every 100 ms; the child's exit is an event, and ends the wait at once.
      try {
        process.onExit().get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillRunning) {
        // look again
      } catch (ExecutionException e) {
        throw new IllegalStateException("cannot watch " + name, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + name, e);
      }
    }
  }

  Path log() {
    return log;
  }

  long pid() {
    return process.pid();
  }

  /**
   * A size field of /proc/&lt;pid&gt;/status in bytes, such as VmHWM (the most resident memory the
   * process has had) or VmRSS; -1 where it cannot be read.
   */
  long procStatusBytes(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
        if (line.startsWith(field + ":")) {
          String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
          return Long.parseLong(parts[0]) * (parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? 1024 : 1);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /**
   * CPU time the JVM's JIT compiler threads have used so far, from /proc (Linux; clock ticks, so
   * 10 ms steps), or -1 where it cannot be read.
   */
  long compilerCpuNanos() {
    long ticks = 0;
    try (var tasks = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
      for (Path task : tasks.toList()) {
        String stat = Files.readString(task.resolve("stat"));
        // "tid (name) state ...": the name may hold spaces, so fields are counted after its ')'. HotSpot names
        // its compiler threads "C1 CompilerThread0", "C2 CompilerThread1"..., cut to 15 characters here.
        int nameEnd = stat.lastIndexOf(')');
        if (stat.substring(stat.indexOf('(') + 1, nameEnd).contains("CompilerThre")) {
          String[] fields = stat.substring(nameEnd + 2).split(" ");
          ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return ticks * TimeUnit.SECONDS.toNanos(1) / CLOCK_TICKS_PER_SECOND;
  }

  /** CPU time the JVM has used so far, all its threads (user + system), or -1 where the platform does not say. */
  long cpuNanos() {
    return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** A port on 127.0.0.1 that was free a moment ago, for a component that cannot report the one it picked. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
