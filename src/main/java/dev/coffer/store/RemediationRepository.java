package dev.coffer.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The remediation tables (V42): configurations, exceptions and executions (the work queue). */
public final class RemediationRepository {
  private final Sql sql;

  RemediationRepository(Sql sql) {
    this.sql = sql;
  }

  /** One row of {@code remediation_executions}. */
  public record ExecutionRow(
      String accountId,
      String region,
      String ruleName,
      String resourceType,
      String resourceId,
      String state,
      Optional<Instant> nextAttemptAt,
      String document) {
    public ExecutionRow {
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(ruleName, "ruleName");
      Objects.requireNonNull(resourceType, "resourceType");
      Objects.requireNonNull(resourceId, "resourceId");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
      Objects.requireNonNull(document, "document");
    }
  }

  /** One row of {@code remediation_exceptions}. */
  public record ExceptionRow(
      String accountId,
      String region,
      String ruleName,
      String resourceType,
      String resourceId,
      Optional<String> message,
      Optional<Instant> expiresAt) {
    public ExceptionRow {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }
  }

  // ---- configurations ----

  public Optional<String> configuration(String accountId, String region, String ruleName) {
    return sql.queryOne(
        "SELECT document FROM remediation_configurations"
            + " WHERE account_id = ? AND region = ? AND rule_name = ?",
        rs -> rs.getString(1),
        accountId,
        region,
        ruleName);
  }

  /** Every configuration of the account and region, by rule name. */
  public List<String> configurations(String accountId, String region) {
    return sql.query(
        "SELECT document FROM remediation_configurations WHERE account_id = ? AND region = ?"
            + " ORDER BY rule_name",
        rs -> rs.getString(1),
        accountId,
        region);
  }

  public void saveConfiguration(String accountId, String region, String ruleName, String doc) {
    if (sql.update(
            "UPDATE remediation_configurations SET document = ?"
                + " WHERE account_id = ? AND region = ? AND rule_name = ?",
            doc,
            accountId,
            region,
            ruleName)
        == 0) {
      sql.update(
          "INSERT INTO remediation_configurations (account_id, region, rule_name, document)"
              + " VALUES (?, ?, ?, ?)",
          accountId,
          region,
          ruleName,
          doc);
    }
  }

  public boolean deleteConfiguration(String accountId, String region, String ruleName) {
    return sql.update(
            "DELETE FROM remediation_configurations"
                + " WHERE account_id = ? AND region = ? AND rule_name = ?",
            accountId,
            region,
            ruleName)
        > 0;
  }

  // ---- exceptions ----

  public void saveException(ExceptionRow e) {
    deleteException(e.accountId(), e.region(), e.ruleName(), e.resourceType(), e.resourceId());
    sql.update(
        "INSERT INTO remediation_exceptions (account_id, region, rule_name, resource_type,"
            + " resource_id, message, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        e.accountId(),
        e.region(),
        e.ruleName(),
        e.resourceType(),
        e.resourceId(),
        e.message(),
        e.expiresAt());
  }

  public boolean deleteException(
      String accountId, String region, String ruleName, String resourceType, String resourceId) {
    return sql.update(
            "DELETE FROM remediation_exceptions WHERE account_id = ? AND region = ? AND"
                + " rule_name = ? AND resource_type = ? AND resource_id = ?",
            accountId,
            region,
            ruleName,
            resourceType,
            resourceId)
        > 0;
  }

  /** The exceptions of a rule, by resource type and id. */
  public List<ExceptionRow> exceptions(String accountId, String region, String ruleName) {
    return sql.query(
        "SELECT account_id, region, rule_name, resource_type, resource_id, message, expires_at"
            + " FROM remediation_exceptions WHERE account_id = ? AND region = ? AND rule_name = ?"
            + " ORDER BY resource_type, resource_id",
        rs ->
            new ExceptionRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                Sql.optString(rs, "message"),
                Sql.optInstant(rs, "expires_at")),
        accountId,
        region,
        ruleName);
  }

  // ---- executions ----

  private static final String EXECUTION_COLUMNS =
      "account_id, region, rule_name, resource_type, resource_id, state, next_attempt_at,"
          + " document";

  public Optional<ExecutionRow> execution(
      String accountId, String region, String ruleName, String resourceType, String resourceId) {
    return sql.queryOne(
        "SELECT "
            + EXECUTION_COLUMNS
            + " FROM remediation_executions WHERE account_id = ? AND region = ? AND rule_name = ?"
            + " AND resource_type = ? AND resource_id = ?",
        RemediationRepository::execution,
        accountId,
        region,
        ruleName,
        resourceType,
        resourceId);
  }

  /** The executions of a rule, by resource type and id. */
  public List<ExecutionRow> executions(String accountId, String region, String ruleName) {
    return sql.query(
        "SELECT "
            + EXECUTION_COLUMNS
            + " FROM remediation_executions WHERE account_id = ? AND region = ? AND rule_name = ?"
            + " ORDER BY resource_type, resource_id",
        RemediationRepository::execution,
        accountId,
        region,
        ruleName);
  }

  public void saveExecution(ExecutionRow r) {
    if (sql.update(
            "UPDATE remediation_executions SET state = ?, next_attempt_at = ?, document = ?"
                + " WHERE account_id = ? AND region = ? AND rule_name = ? AND resource_type = ?"
                + " AND resource_id = ?",
            r.state(),
            r.nextAttemptAt(),
            r.document(),
            r.accountId(),
            r.region(),
            r.ruleName(),
            r.resourceType(),
            r.resourceId())
        == 0) {
      sql.update(
          "INSERT INTO remediation_executions ("
              + EXECUTION_COLUMNS
              + ")"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          r.accountId(),
          r.region(),
          r.ruleName(),
          r.resourceType(),
          r.resourceId(),
          r.state(),
          r.nextAttemptAt(),
          r.document());
    }
  }

  /** Executions whose next attempt is due at {@code now}, the longest waiting first. */
  public List<ExecutionRow> due(Instant now, int limit) {
    return sql.query(
        "SELECT "
            + EXECUTION_COLUMNS
            + " FROM remediation_executions WHERE next_attempt_at IS NOT NULL"
            + " AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?",
        RemediationRepository::execution,
        now,
        limit);
  }

  /**
   * Moves a due execution's next attempt from {@code expected} to {@code until} (its lease) and
   * marks it in progress; false when another node claimed it first.
   */
  public boolean claim(ExecutionRow r, Instant expected, Instant until, String document) {
    return sql.update(
            "UPDATE remediation_executions SET next_attempt_at = ?, state = ?, document = ?"
                + " WHERE account_id = ? AND region = ? AND rule_name = ? AND resource_type = ?"
                + " AND resource_id = ? AND next_attempt_at = ?",
            until,
            "IN_PROGRESS",
            document,
            r.accountId(),
            r.region(),
            r.ruleName(),
            r.resourceType(),
            r.resourceId(),
            expected)
        == 1;
  }

  /** Forgets the executions of a rule (its remediation configuration was deleted). */
  public void deleteExecutions(String accountId, String region, String ruleName) {
    sql.update(
        "DELETE FROM remediation_executions WHERE account_id = ? AND region = ? AND rule_name = ?",
        accountId,
        region,
        ruleName);
  }

  private static ExecutionRow execution(ResultSet rs) throws SQLException {
    return new ExecutionRow(
        rs.getString("account_id"),
        rs.getString("region"),
        rs.getString("rule_name"),
        rs.getString("resource_type"),
        rs.getString("resource_id"),
        rs.getString("state"),
        Sql.optInstant(rs, "next_attempt_at"),
        rs.getString("document"));
  }
}
