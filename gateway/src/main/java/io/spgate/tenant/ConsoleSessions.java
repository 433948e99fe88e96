package io.spgate.tenant;

import io.spgate.http.ApiException;
import io.spgate.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Set;

/**
 * The console's sign-in: an API key exchanged for a server-side session, so the browser never keeps
 * the key. The session id travels only in an HttpOnly, SameSite=Strict cookie (Secure when the
 * gateway is reached over TLS). What a session may see and do is its key's, read on every request,
 * so revoking the key ends its sessions at once. A write needs the session's CSRF token in
 * {@value #CSRF_HEADER} too: the cookie alone never authorises one. A session ends after {@link
 * #IDLE} unused, after {@link #ABSOLUTE} in any case, and at sign-out. Rows hold a hash of the id
 * only; the CSRF token is derived from the id (a hash of it, so knowing the token reveals nothing
 * of the id), the same in every tab.
 */
public final class ConsoleSessions {

  public static final String COOKIE = "spgate_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  public static final Duration IDLE = Duration.ofMinutes(30);
  public static final Duration ABSOLUTE = Duration.ofHours(12);
  /** A session's last use is written at most this often, not on every request. */
  static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
  private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private static final String KEY_COLUMNS = "k." + ApiKey.COLUMNS.replace(", ", ", k.");

  private final Pool pool;
  private final boolean secure;

  /** @param secure whether the console is reached over TLS (its cookie is then Secure) */
  public ConsoleSessions(Pool pool, boolean secure) {
    this.pool = pool;
    this.secure = secure;
  }

  /** A new session: its cookie value and CSRF token, shown once; and when it ends at the latest. */
  public record SignedIn(String sessionId, String csrfToken, Instant expiresAt) {}

  /** A live session, as a request presents it. */
  public record Session(Caller caller, String csrfToken, Instant expiresAt) {}

  /** Signs the key's caller in. */
  public Future<SignedIn> create(Caller caller) {
    String id = ApiKeySecret.randomToken();
    return pool.preparedQuery("INSERT INTO console_sessions (id_hash, api_key_id, expires_at) "
            + "VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING expires_at")
        .execute(Tuple.of(hash(id), caller.keyId(), (double) ABSOLUTE.toSeconds()))
        .map(rows -> new SignedIn(id, csrfToken(id), rows.iterator().next().getOffsetDateTime("expires_at").toInstant()));
  }

  /** Whether the request carries a session cookie (valid or not). */
  public static boolean presented(RoutingContext ctx) {
    return ctx.request().getCookie(COOKIE) != null;
  }

  /**
   * The session of the request's cookie; a write also needs its CSRF token. Fails with 401
   * {@code session_expired} when the cookie names no live session, 403 {@code csrf_token_invalid}
   * for a write without the session's token.
   */
  public Future<Session> session(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (cookie == null || cookie.getValue().isBlank()) {
      return Future.failedFuture(expired());
    }
    Buffer idHash = hash(cookie.getValue());
    return pool.preparedQuery("SELECT " + KEY_COLUMNS + ", s.last_seen_at, s.expires_at FROM console_sessions s "
            + "JOIN api_keys k ON k.id = s.api_key_id WHERE s.id_hash = $1 AND k.revoked_at IS NULL AND s.expires_at > now() "
            + "AND s.last_seen_at > now() - make_interval(secs => $2)")
        .execute(Tuple.of(idHash, (double) IDLE.toSeconds()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(expired());
          }
          Row row = rows.iterator().next();
          if (!READS.contains(ctx.request().method()) && !csrfMatches(ctx.request().getHeader(CSRF_HEADER), cookie.getValue())) {
            return Future.failedFuture(new ApiException(new Problem(403, "csrf_token_invalid", "Forbidden",
                "A write from the console needs the session's token in the " + CSRF_HEADER + " header.")));
          }
          Session session = new Session(ApiKey.from(row).toCaller(), csrfToken(cookie.getValue()),
              row.getOffsetDateTime("expires_at").toInstant());
          OffsetDateTime lastSeen = row.getOffsetDateTime("last_seen_at");
          return lastSeen.toInstant().plus(TOUCH_EVERY).isAfter(Instant.now()) ? Future.succeededFuture(session)
              : pool.preparedQuery("UPDATE console_sessions SET last_seen_at = now() WHERE id_hash = $1").execute(Tuple.of(idHash))
                  .map(session);
        });
  }

  /** Ends the request's session, if any. */
  public Future<Void> end(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    return cookie == null ? Future.succeededFuture()
        : pool.preparedQuery("DELETE FROM console_sessions WHERE id_hash = $1").execute(Tuple.of(hash(cookie.getValue()))).mapEmpty();
  }

  /** Removes sessions past their end; answers how many. */
  public Future<Integer> purgeExpired() {
    return pool.preparedQuery("DELETE FROM console_sessions WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(secs => $1)")
        .execute(Tuple.of((double) IDLE.toSeconds())).map(rows -> rows.rowCount());
  }

  /** The cookie that carries a session id, or (with an empty id) removes it. */
  public Cookie cookie(String sessionId) {
    Cookie cookie = Cookie.cookie(COOKIE, sessionId).setPath("/").setHttpOnly(true).setSecure(secure)
        .setSameSite(CookieSameSite.STRICT);
    return sessionId.isEmpty() ? cookie.setMaxAge(0) : cookie.setMaxAge(ABSOLUTE.toSeconds());
  }

  private static boolean csrfMatches(String presented, String sessionId) {
    return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
        csrfToken(sessionId).getBytes(StandardCharsets.UTF_8));
  }

  /** The session's CSRF token: a hash of its id, which only the session's own pages can read (the API answers it to reads). */
  private static String csrfToken(String sessionId) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(hash("spgate-csrf:" + sessionId).getBytes());
  }

  private static ApiException expired() {
    return new ApiException(Problem.unauthorized("session_expired", "The console session has ended; sign in again with an API key."));
  }

  private static Buffer hash(String value) {
    return Buffer.buffer(ApiKeySecret.sha256(value));
  }
}
