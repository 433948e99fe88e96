package io.spgate.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ops/bench reports}: one generated listings report of about {@code --size-mb} MB (uncompressed)
 * streamed through a gateway whose heap is limited to 128 MB, as tsv, raw and ndjson, against the
 * baseline of {@code curl} on the document's presigned URL piped to {@code gunzip} and, for a
 * document not in UTF-8, a transcoder: glibc's {@code iconv} (which reads all of its input before
 * converting, so does not stream) and ICU's {@code uconv} (which streams); the faster is the RESULT's
 * baseline. The simulator and the gateway each run as their own JVM; every download is a process
 * pipeline (bash -c) whose last stage counts the bytes with {@code wc}, the same client for every
 * path. The runs of a round are interleaved, so noise on this shared machine falls on all of them.
 *
 * <p>The gateway's heap high-water mark is read from its own GC log: heap used only grows between
 * two collections, so the most heap used at any time is the largest "before" figure of a collection
 * (or what is in use at the end, asked of the JVM with jcmd).
 */
final class ReportsBench {

  private static final String LISTINGS = "GET_MERCHANT_LISTINGS_ALL_DATA";
  private static final Map<String, String> MARKETPLACES = Map.of("DE", "A1PA6795UKMFR9", "FR", "A13V1IB3VIYZZH", "UK",
      "A1F83G8C2ARO7P", "US", "ATVPDKIKX0DER", "CA", "A2EUQ1WTGCTBG2", "JP", "A1VC38T7YXB528");
  /** Rows of the first, small report, whose TSV size tells the bytes a row takes. */
  private static final long SAMPLE_ROWS = 200_000;
  private static final double MB = 1_000_000.0;
  private static final String GATEWAY_HEAP = "-Xmx128m";
  /** A run during which other processes used more than this many cores on average is run again, at most twice. */
  private static final double DISTURBED_CORES = 0.15;
  private static final int ATTEMPTS = 3;
  private static final Pattern GC_PAUSE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
  private static final Pattern GC_IN_USE = Pattern.compile("total (\\d+)K, used (\\d+)K");

  private ReportsBench() {}

  /** One timed download: wall seconds, the bytes (and lines) its last stage counted, and CPU used meanwhile. */
  private record Run(String path, double seconds, long bytes, long lines, double clientCpuSeconds, double gatewayCpuSeconds,
      double simulatorCpuSeconds, double othersCpuSeconds) {}

  /** What a process pipeline did. */
  private record Piped(int exit, double seconds, long bytes, long lines, double childCpuSeconds, String stderr) {}

  static boolean run(Flags flags) throws Exception {
    int sizeMb = flags.integer("size-mb", 5000, 10, 100_000);
    String market = flags.text("marketplace", "DE").toUpperCase(Locale.ROOT);
    int rounds = flags.integer("rounds", 1, 1, 20);
    int warmupMb = flags.integer("warmup-mb", Math.min(500, Math.max(50, sizeMb / 10)), 0, 100_000);
    String pgServer = flags.pgServer();
    flags.requireAllRead();
    String marketplaceId = MARKETPLACES.get(market);
    if (marketplaceId == null) {
      throw new IllegalArgumentException("--marketplace must be one of " + MARKETPLACES.keySet() + ", got '" + market + "'");
    }
    for (String tool : List.of("curl", "gunzip", "iconv", "uconv", "wc", "head")) {
      if (pipe("command -v " + tool + " >/dev/null", Map.of()).exit() != 0) {
        System.err.println("ops/bench reports: needs " + tool + " (Debian: apt-get install curl gzip libc-bin icu-devtools coreutils)");
        return false;
      }
    }

    Path logs = Files.createTempDirectory("spgate-bench-reports-");
    Path gcLog = logs.resolve("gateway-gc.log");
    System.out.printf("reports: one %s report of ~%d MB (uncompressed) in %s, %d round(s) of every path after a warm-up of %d MB "
        + "per path; gateway %s; %d cores; component logs in %s%n", LISTINGS, sizeMb, market, rounds, warmupMb,
        GATEWAY_HEAP, Runtime.getRuntime().availableProcessors(), logs);

    Vertx vertx = Vertx.vertx();
    WebClient web = WebClient.create(vertx);
    BenchDatabases databases = new BenchDatabases(vertx, pgServer);
    List<ComponentJvm> components = new ArrayList<>();
    try {
      Path credentialsFile = logs.resolve("simulator-credentials.json");
      // Quotas off: the bench asks for a few links and reports in a row. Time scale 10: a report is DONE in 1.2 s, not 12.
      ComponentJvm simulatorJvm = ComponentJvm.start("simulator", "io.spgate.simulator.Main", List.of("--port", "0", "--host",
          "127.0.0.1", "--sellers", "30", "--listings", "0", "--orders", "0", "--quotas", "off", "--time-scale", "10",
          "--credentials-out", credentialsFile.toString()), Map.of(), logs);
      components.add(simulatorJvm);
      simulatorJvm.awaitReady(() -> ProxyBench.readJson(credentialsFile) != null, Duration.ofMinutes(2));
      JsonObject credentials = ProxyBench.readJson(credentialsFile);
      URI simulator = URI.create(credentials.getString("baseUrl"));
      JsonObject seller = credentials.getJsonArray("sellers").stream().map(JsonObject.class::cast)
          .filter(s -> s.getJsonArray("marketplaceIds").contains(marketplaceId)).findFirst()
          .orElseThrow(() -> new IllegalStateException("the simulator has no seller in " + market));

      int gatewayPort = ComponentJvm.freePort();
      String adminKey = "spg_bench-admin-key-" + UUID.randomUUID();
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Map<String, String> env = new LinkedHashMap<>(Map.of("SPGATE_HOST", "127.0.0.1", "SPGATE_PORT", String.valueOf(gatewayPort),
          "SPGATE_MANAGEMENT_PORT", String.valueOf(ComponentJvm.freePort()), "SPGATE_PG_URL", databases.create(),
          "SPGATE_APPLICATIONS_FILE", applicationsFile(credentials.getJsonArray("applications"), logs).toString(),
          "SPGATE_LWA_URL", credentials.getString("lwaUrl"), "SPGATE_SPAPI_ENDPOINT", simulator.toString(),
          "SPGATE_ENCRYPTION_KEYS", "bench:" + Base64.getEncoder().encodeToString(key), "SPGATE_ADMIN_KEY", adminKey));
      env.put("SPGATE_REPORT_DOCUMENT_ORIGINS", simulator.getScheme() + "://" + simulator.getAuthority());
      env.put("SPGATE_REPORT_POLL_FIRST", "500ms");
      ComponentJvm gateway = ComponentJvm.start("gateway", List.of(GATEWAY_HEAP, "-Xlog:gc:file=" + gcLog), "io.spgate.Main",
          List.of("serve"), env, logs);
      components.add(gateway);
      gateway.awaitReady(() -> ProxyBench.ready(web, gatewayPort), Duration.ofMinutes(3));
      Registered registered = register(web, gatewayPort, adminKey, seller);
      String gatewayBase = "http://127.0.0.1:" + gatewayPort;

      // The size: a small report's TSV through the gateway tells the bytes a row takes.
      JsonObject sample = done(vertx, web, gatewayPort, registered, marketplaceId, SAMPLE_ROWS);
      Piped sampled = pipe("curl -sS --fail -H \"Authorization: Bearer $KEY\" \"$URL\" | wc -lc",
          Map.of("KEY", registered.key(), "URL", gatewayBase + "/v1/reports/" + sample.getString("id") + "/document?format=tsv"));
      if (sampled.exit() != 0 || sampled.lines() != SAMPLE_ROWS + 1) {
        System.err.printf("ops/bench reports: the sample report's TSV came short (%d lines, exit %d): %s%n", sampled.lines(),
            sampled.exit(), sampled.stderr());
        return false;
      }
      long rows = rowsFor(sizeMb * 1_000_000L, sampled.bytes(), SAMPLE_ROWS);
      JsonObject job = done(vertx, web, gatewayPort, registered, marketplaceId, rows);
      String documentId = job.getString("reportDocumentId");
      String jobDocument = gatewayBase + "/v1/reports/" + job.getString("id") + "/document?format=";
      String linkCall = gatewayBase + "/v1/sellers/" + registered.sellerId() + "/sp-api/reports/2021-06-30/documents/" + documentId;

      // What the document is in, asked of the storage itself: the baselines decode it as the gateway does in Java.
      String contentType = storageContentType(web, documentLink(web, linkCall, registered.key()));
      String charset = charsetOf(contentType);
      // glibc's iconv (2.36 here) reads all of its input before it converts any: with iconv the baseline does not stream
      // (it holds the whole document in memory, and converts only once the download ended). ICU's uconv streams. Both run;
      // the RESULT line's baseline is the faster of them.
      Map<String, String[]> commands = new LinkedHashMap<>();
      String storage = "curl -sS --fail \"$URL\"";
      String gatewayCurl = "curl -sS --fail -H \"Authorization: Bearer $KEY\" \"$URL\"";
      List<String> baselines = new ArrayList<>();
      if (charset == null) {
        baselines.add("gunzip");
        commands.put("gunzip", new String[] {storage, " | gunzip"});
      } else {
        baselines.addAll(List.of("iconv", "uconv"));
        commands.put("iconv", new String[] {storage, " | gunzip | iconv -f " + charset + " -t UTF-8"});
        commands.put("uconv", new String[] {storage, " | gunzip | uconv -f " + charset + " -t UTF-8"});
      }
      for (String format : List.of("tsv", "raw", "ndjson")) {
        commands.put(format, new String[] {gatewayCurl, ""});
      }
      commands.put("source", new String[] {storage, ""});
      List<String> paths = new ArrayList<>(List.of(baselines.get(0), "tsv"));
      paths.addAll(baselines.subList(1, baselines.size()));
      paths.addAll(List.of("raw", "ndjson", "source"));
      System.out.printf(Locale.ROOT, "report: %d rows (%.0f bytes a row in UTF-8 TSV by a sample of %d rows), document %s, %s%n",
          rows, (double) sampled.bytes() / SAMPLE_ROWS, SAMPLE_ROWS, documentId, contentType);

      // Warm-up: the start of the document by each path, so the JIT of both JVMs has compiled what the runs use. The cut
      // (head) comes right after curl, so it stops the transfer whatever follows; from storage the bytes are gzip, a
      // fifth or so of the text.
      if (warmupMb > 0) {
        for (String path : paths) {
          boolean fromStorage = baselines.contains(path) || path.equals("source");
          long cut = warmupMb * 1_000_000L / (fromStorage ? 5 : 1);
          String[] command = commands.get(path);
          Piped warm = pipe(command[0] + " 2>/dev/null | head -c " + cut + command[1] + " 2>/dev/null | wc -c",
              urlFor(path, web, linkCall, jobDocument, registered));
          System.out.printf(Locale.ROOT, "warm-up %-6s: %.0f MB out in %.1f s%n", path, warm.bytes() / MB, warm.seconds());
        }
      }

      Map<String, List<Run>> runs = new LinkedHashMap<>();
      paths.forEach(path -> runs.put(path, new ArrayList<>()));
      boolean clean = true;
      List<String> discarded = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        List<String> order = new ArrayList<>(paths);
        java.util.Collections.rotate(order, -round);
        for (String path : order) {
          for (int attempt = 1; ; attempt++) {
            Map<String, String> vars = urlFor(path, web, linkCall, jobDocument, registered);
            long gatewayCpu = gateway.cpuNanos();
            long simulatorCpu = simulatorJvm.cpuNanos();
            double machineBusy = machineBusySeconds();
            String[] command = commands.get(path);
            Piped piped = pipe("set -o pipefail; " + command[0] + command[1] + (path.equals("ndjson") ? " | wc -lc" : " | wc -c"), vars);
            double gatewaySeconds = (gateway.cpuNanos() - gatewayCpu) / 1e9;
            double simulatorSeconds = (simulatorJvm.cpuNanos() - simulatorCpu) / 1e9;
            double others = machineBusySeconds() - machineBusy - piped.childCpuSeconds() - gatewaySeconds - simulatorSeconds;
            Run run = new Run(path, piped.seconds(), piped.bytes(), piped.lines(), piped.childCpuSeconds(), gatewaySeconds,
                simulatorSeconds, others);
            boolean disturbed = others / run.seconds() > DISTURBED_CORES;
            System.out.printf(Locale.ROOT, "round %d %-6s %7.1f s  %12d bytes  exit %d  others used %.2f cores%s%n", round + 1, path,
                run.seconds(), run.bytes(), piped.exit(), others / run.seconds(), piped.exit() != 0 ? "  " + piped.stderr().strip()
                    : disturbed && attempt < ATTEMPTS ? ": disturbed, run again" : "");
            if (piped.exit() == 0 && disturbed && attempt < ATTEMPTS) {
              discarded.add(path);
              continue;
            }
            runs.get(path).add(run);
            if (piped.exit() != 0) {
              clean = false;
            }
            break;
          }
        }
      }

      // Every download must be whole: the gateway's TSV byte for byte as long as the baseline's output, Amazon's bytes
      // through the gateway as many as straight from storage, one NDJSON line per row.
      long uncompressed = runs.get(baselines.get(0)).get(0).bytes();
      long compressed = runs.get("source").get(0).bytes();
      List<String> problems = new ArrayList<>();
      for (String path : paths) {
        long expected = path.equals("raw") || path.equals("source") ? compressed : uncompressed;
        for (Run run : runs.get(path)) {
          if (path.equals("ndjson")) {
            if (run.lines() != rows) {
              problems.add(String.format(Locale.ROOT, "ndjson gave %d lines for %d rows", run.lines(), rows));
            }
          } else if (run.bytes() != expected) {
            problems.add(String.format(Locale.ROOT, "%s gave %d bytes, %d expected (the first %s run's)", path, run.bytes(), expected,
                expected == compressed ? "source" : baselines.get(0)));
          }
        }
      }
      if (uncompressed <= 0 || compressed <= 0) {
        problems.add("the baseline or source download came back empty");
      }

      Heap heap = heap(gcLog, gateway);
      long rss = gateway.procStatusBytes("VmHWM");
      double sizeMbMeasured = uncompressed / MB;
      Table table = new Table();
      table.row("document", String.format(Locale.ROOT, "%s %s, %d rows, %s", LISTINGS, market, rows, contentType))
          .row("size: uncompressed (UTF-8 TSV) / as stored (gzip level 1)", String.format(Locale.ROOT, "%.1f MB / %.1f MB",
              sizeMbMeasured, compressed / MB));
      for (String path : paths) {
        String[] command = commands.get(path);
        for (Run run : runs.get(path)) {
          table.row(label(path, command), String.format(Locale.ROOT, "%6.1f s %6.1f MB/s  out %.1f MB%s;  CPU s: client %.1f, "
                  + "gateway %.1f, simulator %.1f, others on the machine %.1f", run.seconds(), sizeMbMeasured / run.seconds(),
              run.bytes() / MB, path.equals("ndjson") ? " (" + run.lines() + " lines)" : "", run.clientCpuSeconds(),
              run.gatewayCpuSeconds(), run.simulatorCpuSeconds(), run.othersCpuSeconds()));
        }
      }
      Map<String, Double> mbS = new LinkedHashMap<>();
      paths.forEach(path -> mbS.put(path, mbPerSecond(runs.get(path), sizeMbMeasured)));
      String baseline = baselines.stream().max(java.util.Comparator.comparingDouble(mbS::get)).orElseThrow();
      double baselineMbS = mbS.get(baseline);
      double tsvMbS = mbS.get("tsv");
      double ndjsonMbS = mbS.get("ndjson");
      StringBuilder rates = new StringBuilder();
      mbS.forEach((path, rate) -> rates.append(rates.length() == 0 ? "" : ", ").append(path)
          .append(String.format(Locale.ROOT, " %.1f", rate)));
      table.row("MB/s (uncompressed MB / s" + (rounds > 1 ? ", median of rounds" : "") + ")", rates);
      for (String path : baselines) {
        table.row("ratio gateway tsv / " + path + " baseline", String.format(Locale.ROOT, "%.2f", tsvMbS / mbS.get(path)));
      }
      table.row("baseline in RESULT (the faster)", baseline)
          .row("runs disturbed by other work (others > " + DISTURBED_CORES + " cores), run again", discarded.isEmpty() ? "none"
              : String.join(", ", discarded))
          .row("gateway heap high-water mark (GC log; jcmd at the end)", String.format(Locale.ROOT, "%.0f MB of %s (%s, %d collections)",
              heap.maxUsedMb(), GATEWAY_HEAP, heap.collector(), heap.collections()))
          .row("gateway heap after a collection, most", String.format(Locale.ROOT, "%.0f MB", heap.maxAfterMb()))
          .row("gateway resident memory high-water (VmHWM)", rss < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", rss / MB / 1.048576));
      table.print("reports: " + String.format(Locale.ROOT, "%.0f MB", sizeMbMeasured) + " streamed through spgate (" + GATEWAY_HEAP
          + ") and by curl | gunzip" + (charset == null ? "" : " | iconv or uconv"));

      for (String problem : problems) {
        System.out.println("SHORT OR WRONG DOWNLOAD: " + problem);
      }
      System.out.printf(Locale.ROOT, "RESULT size_mb=%.0f gateway_mb_s=%.1f baseline_mb_s=%.1f ratio=%.2f heap_max_mb=%.0f ndjson_mb_s=%.1f%n",
          sizeMbMeasured, tsvMbS, baselineMbS, tsvMbS / baselineMbS, heap.maxUsedMb(), ndjsonMbS);
      return clean && problems.isEmpty();
    } finally {
      for (int i = components.size() - 1; i >= 0; i--) {
        components.get(i).close();
      }
      databases.close();
      vertx.close();
    }
  }

  private static String label(String path, String[] command) {
    String client = path.equals("ndjson") ? " | wc -lc" : " | wc -c";
    return switch (path) {
      case "tsv", "raw", "ndjson" -> "gateway format=" + path + ": curl" + client;
      case "source" -> "source alone: curl URL" + client;
      default -> "baseline: curl URL" + command[1] + client;
    };
  }

  private static double mbPerSecond(List<Run> runs, double sizeMb) {
    return ProxyBench.median(runs.stream().map(run -> sizeMb / run.seconds()).toList());
  }

  /** CPU time the whole machine has been busy so far, all cores (/proc/stat: all but idle and iowait), in seconds. */
  static double machineBusySeconds() {
    try {
      String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < Math.min(fields.length, 9); i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(fields[i]);
        }
      }
      return busy / 100.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** The URL (and key) a path's pipeline reads: a fresh presigned link for the baseline and the source, as the gateway gets one. */
  private static Map<String, String> urlFor(String path, WebClient web, String linkCall, String jobDocument, Registered registered) {
    return switch (path) {
      case "tsv", "raw", "ndjson" -> Map.of("URL", jobDocument + path, "KEY", registered.key());
      default -> Map.of("URL", documentLink(web, linkCall, registered.key()));
    };
  }

  /**
   * The rows that make a document of {@code targetBytes}: a row is a fixed part (measured by the
   * sample) plus its index written twice (listing id and SKU), whose digits grow with the row count.
   */
  static long rowsFor(long targetBytes, long sampleBytes, long sampleRows) {
    double fixed = (sampleBytes - 2.0 * digitsBelow(sampleRows)) / sampleRows;
    long low = 1;
    long high = targetBytes;
    while (low < high) {
      long mid = (low + high) >>> 1;
      if (fixed * mid + 2.0 * digitsBelow(mid) < targetBytes) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** The decimal digits of 0, 1, ..., n-1 written out. */
  static long digitsBelow(long n) {
    long total = 0;
    long from = 0;
    long to = 10;
    for (int digits = 1; from < n; digits++, from = to, to *= 10) {
      total += (Math.min(n, to) - from) * digits;
    }
    return total;
  }

  /** The name iconv and uconv know the charset by that a document's Content-Type names, or null for UTF-8 (no transcoding). */
  private static String charsetOf(String contentType) {
    String charset = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).replaceAll(".*charset=\\s*", "").trim();
    return switch (charset) {
      case "utf-8", "utf8", "" -> null;
      case "cp1252", "windows-1252", "iso-8859-1" -> "WINDOWS-1252";
      case "shift_jis", "windows-31j", "cp932" -> "WINDOWS-31J";
      default -> throw new IllegalStateException("no transcoding baseline for a document in '" + contentType + "'");
    };
  }

  // ---- processes ----

  /**
   * Runs {@code pipeline} with bash, variables from {@code vars} in its environment (so URLs need no
   * quoting); times it from start to exit. Its stdout's last-stage count ({@code wc -c} or
   * {@code wc -lc}) is parsed; bash's {@code times} gives the CPU its child processes used.
   */
  private static Piped pipe(String pipeline, Map<String, String> vars) throws IOException, InterruptedException {
    Path err = Files.createTempFile("spgate-bench-pipe-", ".err");
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", pipeline + "\nrc=$?; echo; times; exit $rc")
        .redirectError(err.toFile());
    builder.environment().putAll(vars);
    long start = System.nanoTime();
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    String stderr = Files.readString(err);
    Files.deleteIfExists(err);
    List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
    long bytes = -1;
    long lineCount = -1;
    double cpu = 0;
    if (!lines.isEmpty()) {
      // times: the shell's own user/system time, then its children's: "0m1.234s 0m0.567s".
      Matcher children = Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s").matcher(lines.get(lines.size() - 1));
      if (children.find()) {
        cpu = Integer.parseInt(children.group(1)) * 60 + Double.parseDouble(children.group(2))
            + Integer.parseInt(children.group(3)) * 60 + Double.parseDouble(children.group(4));
      }
      String[] counts = lines.get(0).trim().split("\\s+");
      try {
        if (counts.length >= 2 && !counts[0].contains("m")) {
          lineCount = Long.parseLong(counts[0]);
          bytes = Long.parseLong(counts[1]);
        } else if (counts.length == 1) {
          bytes = Long.parseLong(counts[0]);
        }
      } catch (NumberFormatException e) {
        // no count: the pipeline printed none
      }
    }
    return new Piped(exit, seconds, bytes, lineCount, cpu, stderr);
  }

  // ---- the gateway's heap ----

  record Heap(double maxUsedMb, double maxAfterMb, int collections, String collector) {}

  /**
   * The most heap the gateway JVM ever had in use, by its GC log: between two collections heap use
   * only grows, so its peaks are the "before" figures of the collections; what is in use now (jcmd
   * GC.heap_info) covers the time after the last one.
   */
  static Heap heap(Path gcLog, ComponentJvm gateway) throws IOException, InterruptedException {
    double maxBefore = 0;
    double maxAfter = 0;
    int collections = 0;
    String collector = "?";
    for (String line : Files.readAllLines(gcLog)) {
      int using = line.indexOf("Using ");
      if (using >= 0) {
        collector = line.substring(using + 6).trim();
      }
      Matcher pause = GC_PAUSE.matcher(line);
      if (pause.find()) {
        collections++;
        maxBefore = Math.max(maxBefore, mb(pause.group(1), pause.group(2)));
        maxAfter = Math.max(maxAfter, mb(pause.group(3), pause.group(4)));
      }
    }
    double now = 0;
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(gateway.pid()),
        "GC.heap_info").redirectErrorStream(true).start();
    Matcher inUse = GC_IN_USE.matcher(new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    if (jcmd.waitFor(30, TimeUnit.SECONDS) && inUse.find()) {
      now = Long.parseLong(inUse.group(2)) / 1024.0;
    }
    return new Heap(Math.max(maxBefore, now), maxAfter, collections, collector);
  }

  /** A GC log size (binary units, as the JVM logs them) in MiB, which is what -Xmx128m counts in. */
  private static double mb(String value, String unit) {
    double v = Double.parseDouble(value);
    return switch (unit) {
      case "K" -> v / 1024;
      case "G" -> v * 1024;
      default -> v;
    };
  }

  // ---- the gateway's API ----

  private record Registered(String tenantId, String key, String sellerId) {}

  /** A tenant with an API key and the seller registered under it, through the gateway's API as a user would. */
  private static Registered register(WebClient web, int port, String adminKey, JsonObject seller) {
    String tenant = ProxyBench.created(TokensBench.await(web.post(port, "127.0.0.1", "/v1/tenants")
        .putHeader("Authorization", "Bearer " + adminKey).sendJsonObject(new JsonObject().put("name", "Reports bench"))), "tenant")
        .getString("id");
    String tenantKey = ProxyBench.created(TokensBench.await(web.post(port, "127.0.0.1", "/v1/tenants/" + tenant + "/keys")
        .putHeader("Authorization", "Bearer " + adminKey)
        .sendJsonObject(new JsonObject().put("name", "reports bench").put("scopes", new JsonArray().add("tenant:write")))), "API key")
        .getString("key");
    HttpResponse<Buffer> shared = TokensBench.await(web.put(port, "127.0.0.1", "/v1/applications/bench/tenants/" + tenant)
        .putHeader("Authorization", "Bearer " + adminKey).send());
    if (shared.statusCode() != 204) {
      throw new IllegalStateException("sharing application bench with the bench's tenant answered " + shared.statusCode());
    }
    String id = ProxyBench.created(TokensBench.await(web.post(port, "127.0.0.1", "/v1/sellers").addQueryParam("tenantId", tenant)
        .putHeader("Authorization", "Bearer " + adminKey)
        .sendJsonObject(new JsonObject().put("sellingPartnerId", seller.getString("sellerId")).put("application", "bench")
            .put("marketplaceIds", seller.getJsonArray("marketplaceIds")).put("refreshToken", seller.getString("refreshToken")))),
        "seller " + seller.getString("sellerId")).getString("id");
    return new Registered(tenant, tenantKey, id);
  }

  /** Asks the gateway for a listings report of {@code rows} rows and waits until the job is DONE; answers the job. */
  private static JsonObject done(Vertx vertx, WebClient web, int port, Registered registered, String marketplaceId, long rows) {
    HttpResponse<Buffer> created = TokensBench.await(web.post(port, "127.0.0.1", "/v1/sellers/" + registered.sellerId() + "/reports")
        .putHeader("Authorization", "Bearer " + registered.key())
        .sendJsonObject(new JsonObject().put("reportType", LISTINGS).put("marketplaceIds", new JsonArray().add(marketplaceId))
            .put("reportOptions", new JsonObject().put("simulatorRows", String.valueOf(rows)))));
    if (created.statusCode() / 100 != 2) {
      throw new IllegalStateException("the gateway refused the report job: " + created.statusCode() + " " + created.bodyAsString());
    }
    String id = created.bodyAsJsonObject().getString("id");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (true) {
      JsonObject job = TokensBench.await(web.get(port, "127.0.0.1", "/v1/reports/" + id)
          .putHeader("Authorization", "Bearer " + registered.key()).send()).bodyAsJsonObject();
      String status = job.getString("status");
      if ("DONE".equals(status)) {
        return job;
      }
      if (List.of("FATAL", "CANCELLED", "FAILED").contains(status) || System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("report job " + id + " did not get DONE: " + job.encode());
      }
      TokensBench.await(vertx.timer(250));
    }
  }

  /** The document's presigned URL, by getReportDocument through the gateway's pass-through: what the gateway itself is handed. */
  private static String documentLink(WebClient web, String linkCall, String key) {
    HttpResponse<Buffer> answer = TokensBench.await(web.getAbs(linkCall).putHeader("Authorization", "Bearer " + key).send());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("getReportDocument through the gateway answered " + answer.statusCode() + " "
          + answer.bodyAsString());
    }
    return answer.bodyAsJsonObject().getString("url");
  }

  /** The Content-Type the storage serves the document with (one byte of it is asked for). */
  private static String storageContentType(WebClient web, String url) {
    HttpResponse<Buffer> answer = TokensBench.await(web.getAbs(url).putHeader("Range", "bytes=0-0").send());
    if (answer.statusCode() / 100 != 2) {
      throw new IllegalStateException("the document's storage answered " + answer.statusCode() + " " + answer.bodyAsString());
    }
    return answer.getHeader("Content-Type");
  }

  /**
   * The simulator's applications for the gateway. getReportDocument (Amazon: 1 a minute, burst 15)
   * and createReport get rates no call waits for: the bench asks for a link before each baseline
   * run, and a gateway run must never include a wait for the gateway's own link.
   */
  private static Path applicationsFile(JsonArray applications, Path dir) throws IOException {
    JsonObject fast = new JsonObject().put("ratePerSecond", 1000).put("burst", 1000);
    JsonArray apps = new JsonArray();
    for (int i = 0; i < applications.size(); i++) {
      JsonObject app = applications.getJsonObject(i);
      apps.add(new JsonObject().put("id", i == 0 ? "bench" : "bench-" + (i + 1)).put("applicationId", app.getString("applicationId"))
          .put("clientId", app.getString("clientId")).put("clientSecret", app.getString("clientSecret"))
          .put("rates", new JsonObject().put("getReportDocument", fast).put("createReport", fast).put("getReport", fast)));
    }
    Path file = dir.resolve("applications.json");
    Files.writeString(file, apps.encode());
    return file;
  }
}
