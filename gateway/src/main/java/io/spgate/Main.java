package io.spgate;

import io.spgate.config.ConfigException;
import io.spgate.config.ConfigLoader;
import io.spgate.config.GatewayConfig;
import io.spgate.logging.LogSetup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** {@code spgate [serve|migrate|rotate-keys] [--config FILE]}: serve (the default) runs the gateway. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final String USAGE = "usage: spgate [serve|migrate|rotate-keys] [--config FILE]";

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv()));
  }

  static int run(String[] args, Map<String, String> env) {
    String command = "serve";
    Path configFile = env.containsKey(ConfigLoader.CONFIG_FILE_KEY) ? Path.of(env.get(ConfigLoader.CONFIG_FILE_KEY)) : null;
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String arg = rest.remove(0);
      if (arg.equals("--config") && !rest.isEmpty()) {
        configFile = Path.of(rest.remove(0));
      } else if (arg.equals("serve") || arg.equals("migrate") || arg.equals("rotate-keys")) {
        command = arg;
      } else if (arg.equals("--help") || arg.equals("-h")) {
        System.out.println(USAGE);
        return 0;
      } else {
        System.err.println("spgate: unknown argument '" + arg + "'; " + USAGE);
        return 2;
      }
    }
    GatewayConfig config;
    try {
      config = ConfigLoader.load(configFile, env);
    } catch (ConfigException e) {
      System.err.println("spgate: configuration error: " + e.getMessage());
      return 2;
    }
    LogSetup.apply(config.logFormat(), config.logLevels());
    ConfigLoader.unknownKeys(env).forEach(key -> LOG.warn("Ignoring unknown setting {} (see README's configuration table)", key));
    return switch (command) {
      case "migrate" -> migrate(config);
      case "rotate-keys" -> rotateKeys(config);
      default -> serve(config);
    };
  }

  private static int migrate(GatewayConfig config) {
    try {
      var applied = Gateway.migrate(config);
      System.out.println(applied.isEmpty() ? "Schema is up to date." : "Applied " + applied.size() + " migration(s).");
      return 0;
    } catch (Exception e) {
      LOG.error("Migration failed: {}", e.getMessage());
      return 1;
    }
  }

  private static int rotateKeys(GatewayConfig config) {
    try {
      System.out.println(Gateway.rotateKeys(config));
      return 0;
    } catch (ConfigException e) {
      System.err.println("spgate: configuration error: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      LOG.error("Key rotation failed: {}", e.getMessage());
      return 1;
    }
  }

  /**
   * Blocks the main thread (never an event loop) until the gateway stopped. SIGTERM (Kubernetes, systemd) and SIGINT stop
   * it gracefully ({@link Gateway#stop}) and exit 0, an asked-for stop; left to the JVM they would exit 143 and 130.
   */
  private static int serve(GatewayConfig config) {
    CompletableFuture<Gateway> started = Gateway.start(config, System.out).toCompletionStage().toCompletableFuture();
    Gateway gateway;
    try {
      gateway = started.get();
    } catch (ExecutionException e) {
      // A bad key file or applications file is the operator's to mend: one line, like a bad setting.
      if (e.getCause() instanceof ConfigException bad) {
        System.err.println("spgate: configuration error: " + bad.getMessage());
        return 2;
      }
      LOG.error("spgate did not start: {}", e.getCause().getMessage(), e.getCause());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    Runnable stop = () -> gateway.stop().onComplete(done -> stopped.complete(null));
    for (String name : List.of("TERM", "INT")) {
      Signal.handle(new Signal(name), signal -> {
        LOG.info("SIG{} received: stopping", name);
        stop.run();
      });
    }
    // Any other end of the JVM (System.exit elsewhere) takes the same path.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (!stopped.isDone()) {
        stop.run();
        stopped.join();
      }
    }, "spgate-shutdown"));
    LOG.info("spgate ready on port {}", gateway.port());
    stopped.join();
    return 0;
  }
}
