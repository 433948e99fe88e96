package io.spgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The gateway's packages form layers: a feature package may use the ones below it (the HTTP
 * toolkit, stores, the packages it builds on), never one that uses it back. Only the wiring in
 * {@code io.spgate} itself sees every package.
 */
class PackageLayersTest {

  private static final Path SOURCES = Path.of("src/main/java/io/spgate");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.spgate\\.([a-z]+)\\.", Pattern.MULTILINE);

  @Test
  void should_have_no_import_cycle_between_packages() throws IOException {
    Map<String, Set<String>> uses = imports();

    List<List<String>> cycles = new ArrayList<>();
    for (String start : uses.keySet()) {
      cycleFrom(start, uses).ifPresent(cycles::add);
    }

    assertThat(uses).containsKeys("http", "quota", "seller", "spapi");
    assertThat(cycles).as("import cycles between packages of %s", uses).isEmpty();
  }

  @Test
  void should_keep_the_http_toolkit_free_of_features() throws IOException {
    assertThat(imports().get("http")).isEmpty();
  }

  /** Which packages each package under io.spgate imports (the wiring in io.spgate itself is left out). */
  private static Map<String, Set<String>> imports() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path relative = SOURCES.relativize(file);
        if (relative.getNameCount() < 2) {
          continue;
        }
        String pkg = relative.getName(0).toString();
        Set<String> used = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            used.add(m.group(1));
          }
        }
      }
    }
    return uses;
  }

  /** A path from {@code start} back to itself, if there is one. */
  private static java.util.Optional<List<String>> cycleFrom(String start, Map<String, Set<String>> uses) {
    Deque<List<String>> paths = new ArrayDeque<>();
    paths.add(List.of(start));
    Set<String> seen = new TreeSet<>();
    while (!paths.isEmpty()) {
      List<String> path = paths.poll();
      for (String next : uses.getOrDefault(path.get(path.size() - 1), Set.of())) {
        List<String> longer = new ArrayList<>(path);
        longer.add(next);
        if (next.equals(start)) {
          return java.util.Optional.of(longer);
        }
        if (seen.add(next)) {
          paths.add(longer);
        }
      }
    }
    return java.util.Optional.empty();
  }
}
