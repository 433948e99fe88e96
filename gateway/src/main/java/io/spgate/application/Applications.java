package io.spgate.application;

import io.spgate.config.ConfigException;
import io.spgate.http.ApiException;
import io.spgate.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The applications and whom they are shared with, in memory with their secrets opened, as every
 * request needs them. A change made through this instance is loaded at once. Other instances' changes
 * arrive two ways: a look-up that misses (an application, or its sharing with a tenant, this instance
 * does not know yet) loads that one application again, so what was just added or shared anywhere works
 * everywhere at once; and every application is loaded again every {@link #RELOAD_INTERVAL}, which brings
 * what was taken away (unsharing, deletion), which no look-up can miss.
 */
public final class Applications implements Supplier<Map<String, Application>> {

  static final Duration RELOAD_INTERVAL = Duration.ofSeconds(10);
  /** A look-up that names no application and finds none to take loads them all, unless a load began under this long ago. */
  static final Duration MISS_RELOAD_GAP = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(Applications.class);

  private final ApplicationStore store;
  private final AtomicReference<Loaded> current = new AtomicReference<>(new Loaded(Map.of(), Map.of(), System.nanoTime()));
  private final AtomicReference<Future<Void>> loading = new AtomicReference<>();

  private record Loaded(Map<String, Application> applications, Map<String, Set<UUID>> sharing, long loadedAt) {

    /**
     * This with one application as stored when {@code startedAt} (or gone); a load of all of them begun before
     * that, which may not have seen this one's change, is no longer kept.
     */
    Loaded with(String id, ApplicationStore.Stored stored, long startedAt) {
      Map<String, Application> apps = new HashMap<>(applications);
      Map<String, Set<UUID>> shares = new HashMap<>(sharing);
      apps.remove(id);
      shares.remove(id);
      apps.putAll(stored.applications());
      stored.sharing().forEach((app, tenants) -> shares.put(app, Set.copyOf(tenants)));
      return new Loaded(Map.copyOf(apps), Map.copyOf(shares), startedAt - loadedAt > 0 ? startedAt : loadedAt);
    }
  }

  public Applications(ApplicationStore store) {
    this.store = store;
  }

  /** Saves the operator's applications from configuration (and their sharing, where an entry states it), then loads every one. */
  public Future<Void> saveAndLoad(List<ApplicationsFile.Entry> configured) {
    Future<Void> saved = Future.succeededFuture();
    for (ApplicationsFile.Entry entry : configured) {
      String id = entry.application().id();
      saved = saved.compose(v -> store.saveOperators(entry.application())).compose(saveable -> {
        if (!saveable) {
          return Future.failedFuture(new ConfigException("SPGATE_APPLICATIONS_FILE application '" + id
              + "' has the id of a tenant's own application; give the operator's application another id"));
        }
        return entry.sharedWith().map(tenants -> store.shareOnly(id, tenants).compose(outcome -> outcome == ApplicationStore.Outcome.DONE
            ? Future.<Void>succeededFuture() : Future.failedFuture(new ConfigException("SPGATE_APPLICATIONS_FILE application '" + id
                + "' has 'sharedWith' naming a tenant that does not exist")))).orElse(Future.succeededFuture());
      });
    }
    return saved.compose(v -> reload()).mapEmpty();
  }

  /** Loads every application again now; of loads that overlap, the one begun last is kept. */
  public Future<Void> reload() {
    long startedAt = System.nanoTime();
    return store.all().map(stored -> {
      Loaded fresh = new Loaded(Map.copyOf(stored.applications()), Map.copyOf(stored.sharing()), startedAt);
      current.accumulateAndGet(fresh, (old, loaded) -> loaded.loadedAt() - old.loadedAt() >= 0 ? loaded : old);
      return null;
    });
  }

  /** Loads every application again every {@link #RELOAD_INTERVAL} on this Vert.x; the timer's id. */
  public long reloadPeriodically(Vertx vertx) {
    return vertx.setPeriodic(RELOAD_INTERVAL.toMillis(), timer -> reloadOnce().onFailure(e ->
        LOG.warn("Reloading the applications failed; keeping the ones loaded: {}", e.toString())));
  }

  /** A load of every application that callers arriving meanwhile share, rather than each starting one. */
  private Future<Void> reloadOnce() {
    Promise<Void> mine = Promise.promise();
    Future<Void> running = loading.compareAndExchange(null, mine.future());
    if (running != null) {
      return running;
    }
    reload().onComplete(done -> {
      loading.set(null);
      mine.handle(done);
    });
    return mine.future();
  }

  /** Loads one application (and its sharing) again: after a change to it, or for a look-up that missed it. */
  private Future<Void> reload(String id) {
    long startedAt = System.nanoTime();
    return store.one(id).map(stored -> {
      current.updateAndGet(loaded -> loaded.with(id, stored, startedAt));
      return null;
    });
  }

  @Override
  public Map<String, Application> get() {
    return current.get().applications();
  }

  public Optional<Application> byId(String id) {
    return Optional.ofNullable(current.get().applications().get(id));
  }

  /** An application by id, loading it first when this instance does not know it yet. */
  public Future<Optional<Application>> find(String id) {
    Optional<Application> known = byId(id);
    return known.isPresent() || !Application.ID.matcher(id).matches() ? Future.succeededFuture(known)
        : reload(id).map(v -> byId(id));
  }

  /** The tenants an operator's application is shared with (none for a tenant's own). */
  public Set<UUID> sharedWith(String id) {
    return current.get().sharing().getOrDefault(id, Set.of());
  }

  /** Whether a tenant may register sellers and create consent URLs under the application: its own, or the operator's shared with it. */
  public boolean mayUse(UUID tenantId, Application app) {
    return app.owner().map(tenantId::equals).orElseGet(() -> sharedWith(app.id()).contains(tenantId));
  }

  /** The applications a tenant may use, by id. */
  public List<Application> usableBy(UUID tenantId) {
    return sorted(get().values().stream().filter(app -> mayUse(tenantId, app)).toList());
  }

  /** Every application, by id. */
  public List<Application> all() {
    return sorted(get().values());
  }

  /**
   * The application a request names for a tenant, or the only one the tenant may use when it names none;
   * a 400 problem listing only the ones this tenant may use otherwise.
   */
  public Future<Application> usable(UUID tenantId, Object requested) {
    Future<Optional<Application>> found;
    if (requested instanceof String name) {
      found = usableById(tenantId, name);
    } else if (requested == null) {
      Optional<Application> only = onlyUsable(tenantId);
      found = only.isPresent() || System.nanoTime() - current.get().loadedAt() < MISS_RELOAD_GAP.toNanos()
          ? Future.succeededFuture(only) : reloadOnce().map(v -> onlyUsable(tenantId));
    } else {
      found = Future.succeededFuture(Optional.empty());
    }
    return found.map(app -> app.orElseThrow(() -> notUsable(tenantId, requested)));
  }

  /** The application if the tenant may use it, loading it again first when this instance does not know it, or its sharing, yet. */
  public Future<Optional<Application>> usableById(UUID tenantId, String id) {
    Optional<Application> found = byId(id).filter(app -> mayUse(tenantId, app));
    return found.isPresent() || !Application.ID.matcher(id).matches() ? Future.succeededFuture(found)
        : reload(id).map(v -> byId(id).filter(app -> mayUse(tenantId, app)));
  }

  private Optional<Application> onlyUsable(UUID tenantId) {
    List<Application> usable = usableBy(tenantId);
    return usable.size() == 1 ? Optional.of(usable.get(0)) : Optional.empty();
  }

  private ApiException notUsable(UUID tenantId, Object requested) {
    String usable = usableBy(tenantId).stream().map(Application::id).collect(Collectors.joining(", "));
    if (usable.isEmpty()) {
      return new ApiException(Problem.validation("This tenant may use no application yet: the operator shares theirs, "
          + "or the tenant adds its own (POST /v1/applications)."));
    }
    return new ApiException(Problem.validation(requested == null ? "'application' is required: this tenant may use " + usable + "."
        : "'application' must name an application this tenant may use: " + usable + "."));
  }

  /** Creates an application and loads it; false when its id is taken. */
  public Future<Boolean> create(Application app) {
    return store.create(app).compose(created -> created ? reload(app.id()).map(true) : Future.succeededFuture(false));
  }

  public Future<ApplicationStore.Outcome> share(String id, UUID tenantId) {
    return store.share(id, tenantId).compose(outcome -> reload(id).map(outcome));
  }

  public Future<Void> unshare(String id, UUID tenantId) {
    return store.unshare(id, tenantId).compose(v -> reload(id));
  }

  /** Deletes an application no seller uses, of that owner when given. */
  public Future<ApplicationStore.Outcome> delete(String id, Optional<UUID> owner) {
    return store.delete(id, owner).compose(outcome -> reload(id).map(outcome));
  }

  private static List<Application> sorted(Collection<Application> apps) {
    return apps.stream().sorted(Comparator.comparing(Application::id)).toList();
  }
}
