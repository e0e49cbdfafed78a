package dev.coffer.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The notification outbox and the notification signing key (migration V41). */
public final class NotificationRepository {
  private static final String COLUMNS =
      "id, endpoint, message_id, topic_arn, subject, message, created_at, attempts,"
          + " next_attempt_at, last_error, delivered_at";
  private final Sql sql;

  NotificationRepository(Sql sql) {
    this.sql = sql;
  }

  /** Adds an undelivered notification; returns its id. */
  public long add(OutboxRow row) {
    return sql.insertReturningId(
        "INSERT INTO notification_outbox (endpoint, message_id, topic_arn, subject, message,"
            + " created_at, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        row.endpoint(),
        row.messageId(),
        row.topicArn(),
        row.subject(),
        row.message(),
        row.createdAt(),
        row.attempts(),
        row.nextAttemptAt());
  }

  /** Undelivered notifications due at {@code now}, oldest first. */
  public List<OutboxRow> due(Instant now, int limit) {
    return sql.query(
        "SELECT "
            + COLUMNS
            + " FROM notification_outbox WHERE delivered_at IS NULL AND next_attempt_at <= ?"
            + " ORDER BY next_attempt_at, id LIMIT ?",
        NotificationRepository::map,
        now,
        limit);
  }

  public Optional<OutboxRow> find(long id) {
    return sql.queryOne(
        "SELECT " + COLUMNS + " FROM notification_outbox WHERE id = ?",
        NotificationRepository::map,
        id);
  }

  /** Every notification, delivered or not, oldest first (operators and tests). */
  public List<OutboxRow> all(int limit) {
    return sql.query(
        "SELECT " + COLUMNS + " FROM notification_outbox ORDER BY id LIMIT ?",
        NotificationRepository::map,
        limit);
  }

  /**
   * Moves an undelivered notification's due time from {@code expectedDue} to {@code until}; false
   * when another node moved it first.
   */
  public boolean claim(long id, Instant expectedDue, Instant until) {
    return sql.update(
            "UPDATE notification_outbox SET next_attempt_at = ?"
                + " WHERE id = ? AND next_attempt_at = ? AND delivered_at IS NULL",
            until,
            id,
            expectedDue)
        == 1;
  }

  public void markDelivered(long id, Instant at) {
    sql.update(
        "UPDATE notification_outbox SET delivered_at = ?, last_error = NULL WHERE id = ?", at, id);
  }

  public void markFailed(long id, int attempts, Instant nextAttemptAt, String error) {
    sql.update(
        "UPDATE notification_outbox SET attempts = ?, next_attempt_at = ?, last_error = ?"
            + " WHERE id = ? AND delivered_at IS NULL",
        attempts,
        nextAttemptAt,
        error,
        id);
  }

  /** The signing keys, oldest first. */
  public List<NotificationKeyRow> signingKeys() {
    return sql.query(
        "SELECT fingerprint, certificate, sealed_private_key, created_at"
            + " FROM notification_signing_keys ORDER BY created_at, fingerprint",
        rs ->
            new NotificationKeyRow(
                rs.getString(1),
                rs.getBytes(2),
                rs.getBytes(3),
                Instant.ofEpochMilli(rs.getLong(4))));
  }

  public void insertSigningKey(NotificationKeyRow k) {
    sql.update(
        "INSERT INTO notification_signing_keys (fingerprint, certificate, sealed_private_key,"
            + " created_at) VALUES (?, ?, ?, ?)",
        k.fingerprint(),
        k.certificate(),
        k.sealedPrivateKey(),
        k.createdAt());
  }

  /**
   * Replaces a signing key's sealed private half (rotate-root), if it is still {@code expected};
   * false when another node changed it meanwhile.
   */
  public boolean resealSigningKey(String fingerprint, byte[] expected, byte[] resealed) {
    for (NotificationKeyRow k : signingKeys()) {
      if (k.fingerprint().equals(fingerprint)
          && java.util.Arrays.equals(k.sealedPrivateKey(), expected)) {
        return sql.update(
                "UPDATE notification_signing_keys SET sealed_private_key = ? WHERE fingerprint = ?",
                resealed,
                fingerprint)
            == 1;
      }
    }
    return false;
  }

  private static OutboxRow map(ResultSet rs) throws SQLException {
    return new OutboxRow(
        rs.getLong("id"),
        rs.getString("endpoint"),
        rs.getString("message_id"),
        rs.getString("topic_arn"),
        rs.getString("subject"),
        rs.getString("message"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        rs.getInt("attempts"),
        Instant.ofEpochMilli(rs.getLong("next_attempt_at")),
        Sql.optString(rs, "last_error"),
        Sql.optInstant(rs, "delivered_at"));
  }
}
