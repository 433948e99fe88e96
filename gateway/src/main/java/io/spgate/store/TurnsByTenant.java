package io.spgate.store;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Which due rows of a kind of background work a lease takes: in turn by tenant (each tenant's longest due first, then
 * each one's next, and so on), so that one tenant's backlog of thousands (a notification storm, a thousand reports asked
 * at once, a webhook endpoint that fails) does not keep another tenant's work waiting behind all of it. The one way every
 * lease of {@link LeasedRounds} (and fan-out's) chooses its rows.
 *
 * <p>Postgres allows no row lock beside a window function, so the turns are counted over the due rows in a subquery, and
 * the rows are locked (skipping those another instance holds) in the query around it, which checks again that each is
 * still due: a row another instance leased meanwhile is left to it. The turns cost one sort of the due rows per lease,
 * which are few unless work is behind, and then a fair share is what matters.
 *
 * <p>Conditions and joins name the table's row {@code {t}}.
 *
 * @param table the work's table
 * @param key the columns that tell one row from another
 * @param dueColumn when a row is due, by which each tenant's rows take their turns
 * @param due which rows are due and free, of row {@code {t}}
 * @param tenantJoin joins what tells a row's tenant, empty when the table has it
 * @param tenant the row's tenant, of row {@code {t}} or of what {@code tenantJoin} joins
 */
public record TurnsByTenant(String table, List<String> key, String dueColumn, String due, String tenantJoin, String tenant) {

  private static final String ROW = "{t}";

  /** Row {@code {t}} is due by {@code dueBy} (an SQL expression) and no instance holds its lease: every lease's condition. */
  public static String dueAndFree(String dueColumn, String dueBy) {
    return ROW + "." + dueColumn + " <= " + dueBy + " AND (" + ROW + ".lease_until IS NULL OR " + ROW + ".lease_until < now())";
  }

  /**
   * A query of at most {@code limit} (a parameter, such as {@code $1}) due rows' key columns, locked for the caller's
   * statement: the {@code FROM} or {@code IN} of its {@code UPDATE}.
   */
  public String due(String limit) {
    String turns = "SELECT " + columns("d") + ", row_number() OVER (PARTITION BY " + of(tenant, "d") + " ORDER BY d." + dueColumn
        + ") AS turn FROM " + table + " d" + of(tenantJoin, "d") + " WHERE " + of(due, "d");
    String matched = key.stream().map(column -> "turns." + column + " = c." + column).collect(Collectors.joining(" AND "));
    return "SELECT " + columns("c") + " FROM " + table + " c JOIN (" + turns + ") turns ON " + matched + " WHERE " + of(due, "c")
        + " ORDER BY turns.turn, c." + dueColumn + " LIMIT " + limit + " FOR UPDATE OF c SKIP LOCKED";
  }

  private String columns(String alias) {
    return key.stream().map(column -> alias + "." + column).collect(Collectors.joining(", "));
  }

  private static String of(String sql, String alias) {
    return sql.replace(ROW, alias);
  }
}
