package dev.coffer.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The latest rotation run of each secret (table {@code secret_rotation_runs}). */
public final class RotationRunRepository {
  private final Sql sql;

  RotationRunRepository(Sql sql) {
    this.sql = sql;
  }

  public Optional<RotationRunRecord> find(long secretId) {
    return sql.queryOne(
        "SELECT secret_id, version_id, kind, status, failed_step, message, started_at,"
            + " finished_at, failures FROM secret_rotation_runs WHERE secret_id = ?",
        RotationRunRepository::map,
        secretId);
  }

  /** Replaces the secret's run with {@code run}. */
  public void save(RotationRunRecord run) {
    sql.update("DELETE FROM secret_rotation_runs WHERE secret_id = ?", run.secretId());
    sql.update(
        "INSERT INTO secret_rotation_runs (secret_id, version_id, kind, status, failed_step,"
            + " message, started_at, finished_at, failures) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        run.secretId(),
        run.versionId(),
        run.kind(),
        run.status(),
        run.failedStep(),
        run.message(),
        run.startedAt(),
        run.finishedAt(),
        run.failures());
  }

  private static RotationRunRecord map(ResultSet rs) throws SQLException {
    return new RotationRunRecord(
        rs.getLong("secret_id"),
        rs.getString("version_id"),
        rs.getString("kind"),
        rs.getString("status"),
        Sql.optString(rs, "failed_step"),
        Sql.optString(rs, "message"),
        Instant.ofEpochMilli(rs.getLong("started_at")),
        Sql.optInstant(rs, "finished_at"),
        rs.getLong("failures"));
  }
}
