package io.spgate.application;

import io.spgate.http.ApiException;
import io.spgate.http.Problem;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** The configured applications, in memory with their secrets opened, as every request needs them. */
public final class Applications implements Supplier<Map<String, Application>> {

  private final ApplicationStore store;
  private final AtomicReference<Map<String, Application>> current = new AtomicReference<>(Map.of());

  public Applications(ApplicationStore store) {
    this.store = store;
  }

  /** Saves the applications from configuration, then loads every stored one. */
  public Future<Void> saveAndLoad(List<Application> configured) {
    Future<Void> saved = Future.succeededFuture();
    for (Application app : configured) {
      saved = saved.compose(v -> store.save(app));
    }
    return saved.compose(v -> store.all()).map(all -> {
      current.set(Map.copyOf(all));
      return null;
    });
  }

  @Override
  public Map<String, Application> get() {
    return current.get();
  }

  /**
   * The application a request body names, or the only one when it names none; a 400 problem
   * listing the configured ones otherwise.
   */
  public Application named(Object raw) {
    Map<String, Application> known = current.get();
    if (raw == null && known.size() == 1) {
      return known.values().iterator().next();
    }
    return (raw instanceof String name ? Optional.ofNullable(known.get(name)) : Optional.<Application>empty())
        .orElseThrow(() -> new ApiException(Problem.validation("'application' must name a configured application: "
            + String.join(", ", new TreeSet<>(known.keySet())) + ".")));
  }

  public Optional<Application> byId(String id) {
    return Optional.ofNullable(current.get().get(id));
  }
}
