package dev.coffer.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The sealed root key generations (see V21__root_keys). */
public final class RootKeyRepository {
  private static final String COLUMNS = "generation, sealed, seal_type, created_at, active";
  private final Sql sql;

  RootKeyRepository(Sql sql) {
    this.sql = sql;
  }

  /** Every generation, oldest first. */
  public List<RootKeyRecord> generations() {
    return sql.query(
        "SELECT " + COLUMNS + " FROM root_keys ORDER BY generation", RootKeyRepository::map);
  }

  public Optional<RootKeyRecord> generation(int generation) {
    return sql.queryOne(
        "SELECT " + COLUMNS + " FROM root_keys WHERE generation = ?",
        RootKeyRepository::map,
        generation);
  }

  /**
   * Stores a generation unless one with its number exists (another node initialised or rotated
   * first).
   *
   * @return whether it was stored
   */
  public boolean insertIfAbsent(RootKeyRecord r) {
    return sql.update(
            "INSERT INTO root_keys ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?) ON CONFLICT (generation) DO NOTHING",
            r.generation(),
            r.sealed(),
            r.sealType(),
            r.createdAt(),
            r.active())
        == 1;
  }

  /** Makes {@code generation} the only active one. */
  public void activate(int generation) {
    sql.update(
        "UPDATE root_keys SET active = CASE WHEN generation = ? THEN 1 ELSE 0 END", generation);
  }

  private static RootKeyRecord map(ResultSet rs) throws SQLException {
    return new RootKeyRecord(
        rs.getInt(1),
        rs.getBytes(2),
        rs.getString(3),
        Instant.ofEpochMilli(rs.getLong(4)),
        rs.getLong(5) != 0);
  }
}
