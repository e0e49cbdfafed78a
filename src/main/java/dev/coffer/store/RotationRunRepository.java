package dev.coffer.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The latest rotation run of each secret (table {@code secret_rotation_runs}). */
public final class RotationRunRepository {
  private static final String COLUMNS =
      "secret_id, version_id, kind, status, failed_step, message, started_at, finished_at,"
          + " failures, scheduled, next_attempt_at, lease_owner, lease_until, schedule_missed";

  private final Sql sql;

  RotationRunRepository(Sql sql) {
    this.sql = sql;
  }

  public Optional<RotationRunRecord> find(long secretId) {
    return sql.queryOne(
        "SELECT " + COLUMNS + " FROM secret_rotation_runs WHERE secret_id = ?",
        RotationRunRepository::map,
        secretId);
  }

  /** Replaces the secret's run with {@code run}. */
  public void save(RotationRunRecord run) {
    sql.update("DELETE FROM secret_rotation_runs WHERE secret_id = ?", run.secretId());
    sql.update(
        "INSERT INTO secret_rotation_runs ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        run.secretId(),
        run.versionId(),
        run.kind(),
        run.status(),
        run.failedStep(),
        run.message(),
        run.startedAt(),
        run.finishedAt(),
        run.failures(),
        run.scheduled(),
        run.nextAttemptAt(),
        run.lease().map(RotationRunRecord.Lease::owner),
        run.lease().map(RotationRunRecord.Lease::until),
        run.scheduleMissed());
  }

  /**
   * The ARNs of secrets the scheduler should look at now: rotation on, not deleted, primaries only
   * (a replica rotates with its primary), and either a rotation date before {@code horizon}, a
   * failed run whose retry is due, or a running run whose lease has expired.
   */
  public List<String> schedulerCandidates(Instant now, Instant horizon, int limit) {
    return sql.query(
        "SELECT s.arn FROM secrets s LEFT JOIN secret_rotation_runs r ON r.secret_id = s.id"
            + " WHERE s.rotation_enabled = 1 AND s.deletion_at IS NULL AND s.primary_arn IS NULL"
            + " AND s.rotation_lambda_arn IS NOT NULL AND ((s.next_rotation_at IS NOT NULL AND"
            + " s.next_rotation_at < ?) OR (r.status = 'FAILED' AND r.next_attempt_at <= ?) OR"
            + " (r.status = 'RUNNING' AND r.lease_until <= ?)) ORDER BY s.next_rotation_at, s.id"
            + " LIMIT ?",
        rs -> rs.getString(1),
        horizon,
        now,
        now,
        limit);
  }

  private static RotationRunRecord map(ResultSet rs) throws SQLException {
    Optional<String> owner = Sql.optString(rs, "lease_owner");
    Optional<Instant> until = Sql.optInstant(rs, "lease_until");
    Optional<RotationRunRecord.Lease> lease =
        owner.isPresent() && until.isPresent()
            ? Optional.of(new RotationRunRecord.Lease(owner.get(), until.get()))
            : Optional.empty();
    return new RotationRunRecord(
        rs.getLong("secret_id"),
        rs.getString("version_id"),
        rs.getString("kind"),
        rs.getString("status"),
        Sql.optString(rs, "failed_step"),
        Sql.optString(rs, "message"),
        Instant.ofEpochMilli(rs.getLong("started_at")),
        Sql.optInstant(rs, "finished_at"),
        rs.getLong("failures"),
        rs.getLong("scheduled") != 0,
        Sql.optInstant(rs, "next_attempt_at"),
        lease,
        rs.getLong("schedule_missed") != 0);
  }
}
