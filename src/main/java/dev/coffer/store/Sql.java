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

/** Small JDBC helpers shared by the repositories: binding optionals, mapping rows, errors. */
final class Sql {
  final Connection connection;
  final Dialect dialect;

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
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("database update failed", e);
    }
  }

  /** Runs one statement for each argument list, as a JDBC batch. */
  void batch(String sql, List<Object[]> argLists) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (Object[] args : argLists) {
        bind(ps, args);
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new StoreException("database update failed", e);
    }
  }

  long insertReturningId(String sql, Object... args) {
    try (PreparedStatement ps = connection.prepareStatement(sql + " RETURNING id")) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new StoreException("database insert failed", e);
    }
  }

  <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      throw new StoreException("database query failed", e);
    }
  }

  <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args) {
    List<T> rows = query(sql, mapper, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof Optional<?> o) {
        a = o.orElse(null);
      }
      if (a instanceof Instant t) {
        a = t.toEpochMilli();
      } else if (a instanceof LocalDate d) {
        a = d.toEpochDay();
      } else if (a instanceof Boolean b) {
        a = b ? 1L : 0L;
      }
      if (a == null) {
        ps.setNull(i + 1, Types.NULL);
      } else if (a instanceof byte[] bytes) {
        ps.setBytes(i + 1, bytes);
      } else {
        ps.setObject(i + 1, a);
      }
    }
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
