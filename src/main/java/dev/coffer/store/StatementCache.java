package dev.coffer.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Prepared statements kept open per SQLite connection and reused by every transaction on it, so a
 * statement is compiled once per connection instead of once per use (sqlite-jdbc has no cache of
 * its own; PostgreSQL's driver caches server-side by itself, so this is for SQLite only).
 *
 * <p>Statements are prepared on the driver's own connection, under the pool's proxy, so that the
 * pool does not close them when the connection goes back to it. A connection is used by one thread
 * at a time, so its statements are too; a connection that the pool retires takes its statements
 * with it (weak keys), and each connection keeps at most {@link #PER_CONNECTION} statements, the
 * least recently used closed first.
 */
final class StatementCache {
  static final int PER_CONNECTION = 128;
  private static final Map<Connection, Map<String, PreparedStatement>> BY_CONNECTION =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final Connection raw;
  private final Map<String, PreparedStatement> statements;

  private StatementCache(Connection raw, Map<String, PreparedStatement> statements) {
    this.raw = raw;
    this.statements = statements;
  }

  /** The statements of the driver connection under {@code pooled}. */
  static StatementCache of(Connection pooled) throws SQLException {
    Connection raw = pooled.unwrap(Connection.class);
    return new StatementCache(raw, BY_CONNECTION.computeIfAbsent(raw, c -> lru()));
  }

  /** The statement for {@code sql}, prepared once per connection; parameters left unset. */
  PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null || ps.isClosed()) {
      ps = raw.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  /** Forgets and closes the statement for {@code sql}: its last use failed. */
  void discard(String sql) {
    PreparedStatement ps = statements.remove(sql);
    if (ps != null) {
      closeQuietly(ps);
    }
  }

  private static Map<String, PreparedStatement> lru() {
    return new LinkedHashMap<>(32, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
        if (size() <= PER_CONNECTION) {
          return false;
        }
        closeQuietly(eldest.getValue());
        return true;
      }
    };
  }

  private static void closeQuietly(PreparedStatement ps) {
    try {
      ps.close();
    } catch (SQLException ignored) {
      // closing a statement of a connection already closed: nothing is left to free
    }
  }
}
