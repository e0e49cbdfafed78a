package dev.coffer.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Small JDBC helpers shared by the repositories: binding optionals, mapping rows, errors. */
final class Sql {
  final Connection connection;
  final Dialect dialect;
  private @Nullable StatementCache statements; // SQLite: this connection's, once first needed

  Sql(Connection connection, Dialect dialect) {
    this.connection = connection;
    this.dialect = dialect;
  }

  /** Maps one row of a result set. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  int update(String sql, Object... args) {
    try {
      return withStatement(
          sql,
          ps -> {
            bind(ps, args);
            return ps.executeUpdate();
          });
    } catch (SQLException e) {
      throw new StoreException("database update failed", e);
    }
  }

  /** Runs one statement for each argument list, as a JDBC batch. */
  void batch(String sql, List<Object[]> argLists) {
    try {
      withStatement(
          sql,
          ps -> {
            try {
              for (Object[] args : argLists) {
                bind(ps, args);
                ps.addBatch();
              }
              ps.executeBatch();
            } finally {
              ps.clearBatch();
            }
            return Boolean.TRUE;
          });
    } catch (SQLException e) {
      throw new StoreException("database update failed", e);
    }
  }

  /**
   * Inserts {@code rows} with multi-row {@code VALUES} lists: {@code head VALUES (?, ...), ...
   * tail}. Rows go in statements of {@value #MULTI_ROW} rows, the rest in statements of 64, 32, ...
   * 1 rows, so a thousand rows take about ten statements (ten round trips on PostgreSQL) and only a
   * few distinct statement texts exist (SQLite caches each one it prepares). Each statement's
   * result set, when it has one ({@code tail} with RETURNING), goes to {@code returned}.
   *
   * @param columns how many values each row has
   */
  void insertRows(
      String head, int columns, String tail, List<Object[]> rows, @Nullable RowMapper<?> returned) {
    int at = 0;
    try {
      while (at < rows.size()) {
        int n = Math.min(MULTI_ROW, Integer.highestOneBit(rows.size() - at));
        List<Object[]> part = rows.subList(at, at + n);
        Object[] args = new Object[n * columns];
        for (int i = 0; i < n; i++) {
          System.arraycopy(part.get(i), 0, args, i * columns, columns);
        }
        String row = "(" + String.join(", ", java.util.Collections.nCopies(columns, "?")) + ")";
        String sql =
            head + " VALUES " + String.join(", ", java.util.Collections.nCopies(n, row)) + tail;
        withStatement(
            sql,
            ps -> {
              bind(ps, args);
              if (returned == null) {
                return ps.executeUpdate();
              }
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  returned.map(rs);
                }
              }
              return 0;
            });
        at += n;
      }
    } catch (SQLException e) {
      throw new StoreException("database insert failed", e);
    }
  }

  /**
   * Inserts {@code rows} as {@link #insertRows} does, but on PostgreSQL with one statement per
   * {@value #COLUMN_ROWS} rows that takes each column as one array parameter: {@code head SELECT *
   * FROM unnest(?::text[], ...) tail}. One statement text whatever the row count, eleven parameters
   * instead of thousands, and no re-planning when a column is null in some rows: for hundreds of
   * thousands of rows it costs PostgreSQL a fraction of the multi-row {@code VALUES} lists. SQLite
   * has no arrays and gains nothing from them: there it is {@link #insertRows}.
   *
   * @param types the PostgreSQL type of each column ({@code text} or {@code bigint})
   */
  void insertColumns(String head, List<String> types, String tail, List<Object[]> rows) {
    if (dialect == Dialect.SQLITE) {
      insertRows(head, types.size(), tail, rows, null);
      return;
    }
    StringBuilder select = new StringBuilder(" SELECT * FROM unnest(");
    for (int i = 0; i < types.size(); i++) {
      select.append(i == 0 ? "" : ", ").append("?::").append(types.get(i)).append("[]");
    }
    String sql = head + select + ")" + tail;
    try {
      for (int at = 0; at < rows.size(); at += COLUMN_ROWS) {
        List<Object[]> part = rows.subList(at, Math.min(rows.size(), at + COLUMN_ROWS));
        withStatement(
            sql,
            ps -> {
              for (int c = 0; c < types.size(); c++) {
                Object[] column = new Object[part.size()];
                for (int r = 0; r < part.size(); r++) {
                  column[r] = plain(part.get(r)[c]);
                }
                ps.setArray(c + 1, connection.createArrayOf(types.get(c), column));
              }
              return ps.executeUpdate();
            });
      }
    } catch (SQLException e) {
      throw new StoreException("database insert failed", e);
    }
  }

  /** The most rows one statement of {@link #insertColumns} carries. */
  static final int COLUMN_ROWS = 10_000;

  /** The most rows one multi-row statement of {@link #insertRows} carries. */
  static final int MULTI_ROW = 128;

  long insertReturningId(String sql, Object... args) {
    try {
      return withStatement(
          sql + " RETURNING id",
          ps -> {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          });
    } catch (SQLException e) {
      throw new StoreException("database insert failed", e);
    }
  }

  <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
    try {
      return withStatement(
          sql,
          ps -> {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
              List<T> out = new ArrayList<>();
              while (rs.next()) {
                out.add(mapper.map(rs));
              }
              return out;
            }
          });
    } catch (SQLException e) {
      throw new StoreException("database query failed", e);
    }
  }

  /** What is done with a prepared statement. */
  @FunctionalInterface
  private interface StatementUse<T> {
    T apply(PreparedStatement ps) throws SQLException;
  }

  /**
   * Runs {@code use} with the statement for {@code sql}: on SQLite the connection's cached one
   * (closing a result set resets it for the next use; one whose use failed is discarded), on
   * PostgreSQL a fresh one, closed afterwards (its driver caches prepared statements itself).
   */
  private <T> T withStatement(String sql, StatementUse<T> use) throws SQLException {
    if (dialect != Dialect.SQLITE) {
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        return use.apply(ps);
      }
    }
    StatementCache c = statements;
    if (c == null) {
      c = StatementCache.of(connection);
      statements = c;
    }
    PreparedStatement ps = c.prepare(sql);
    try {
      return use.apply(ps);
    } catch (SQLException | RuntimeException | Error e) {
      c.discard(sql);
      throw e;
    }
  }

  <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args) {
    List<T> rows = query(sql, mapper, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = plain(args[i]);
      if (a == null) {
        ps.setNull(i + 1, Types.NULL);
      } else if (a instanceof byte[] bytes) {
        ps.setBytes(i + 1, bytes);
      } else {
        ps.setObject(i + 1, a);
      }
    }
  }

  /** The value as stored: optionals unwrapped, times in epoch milliseconds, booleans 0/1. */
  private static @Nullable Object plain(@Nullable Object value) {
    Object a = value;
    if (a instanceof Optional<?> o) {
      a = o.orElse(null);
    }
    if (a instanceof Instant t) {
      return t.toEpochMilli();
    } else if (a instanceof LocalDate d) {
      return d.toEpochDay();
    } else if (a instanceof Boolean b) {
      return b ? 1L : 0L;
    }
    return a;
  }

  static Optional<String> optString(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getString(column));
  }

  static Optional<Instant> optInstant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
  }

  static Optional<LocalDate> optDay(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(v));
  }

  static Optional<Boolean> optBool(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(v != 0);
  }
}
