package dev.coffer.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes many secrets straight into a stopped server's database (see {@link
 * TestServer#restart(TestServer.WhileStopped)}), in a fixed mix of states, for compliance at scale:
 * secret {@code i} rotates when {@code i % 3 == 0}, names a missing customer key alias when {@code
 * i % 4 == 0} (else the default key), was read {@code i % 180} days ago when even (never when odd),
 * and the secrets with an even row id carry the tag {@code team=bench}. No value, version or
 * configuration item is written: the server sees them as secrets it has not yet recorded.
 */
public final class BulkSecrets {
  private BulkSecrets() {}

  /** Inserts {@code count} secrets named {@code bench/secret-<i>} in one transaction. */
  public static void insert(Connection c, String region, int count, Instant now)
      throws SQLException {
    c.setAutoCommit(false);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO secrets (account_id, region, name, arn, description, kms_key_id,"
                + " created_at, last_changed_at, last_accessed_day, rotation_enabled,"
                + " rotation_lambda_arn, rotation_rules, last_rotated_at, next_rotation_at,"
                + " revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)")) {
      long created = now.minus(Duration.ofDays(200)).toEpochMilli();
      for (int i = 0; i < count; i++) {
        String name = "bench/secret-" + i;
        String arn =
            "arn:aws:secretsmanager:"
                + region
                + ":"
                + TestServer.ACCOUNT
                + ":secret:"
                + name
                + "-"
                + String.format("%06d", i % 1_000_000);
        boolean rotating = rotating(i);
        ps.setString(1, TestServer.ACCOUNT);
        ps.setString(2, region);
        ps.setString(3, name);
        ps.setString(4, arn);
        ps.setString(5, "benchmark secret " + i);
        ps.setString(6, i % 4 == 0 ? "alias/missing-" + (i % 10) : null);
        ps.setLong(7, created);
        ps.setLong(8, created);
        if (i % 2 == 0) {
          ps.setLong(9, now.minus(Duration.ofDays(i % 180)).toEpochMilli() / 86_400_000L);
        } else {
          ps.setNull(9, Types.BIGINT);
        }
        ps.setLong(10, rotating ? 1 : 0);
        ps.setString(11, rotating ? "arn:aws:lambda:us-east-1:123456789012:function:r" : null);
        ps.setString(12, rotating ? "{\"AutomaticallyAfterDays\":" + (1 + i % 120) + "}" : null);
        if (rotating) {
          ps.setLong(13, now.minus(Duration.ofDays(i % 150)).toEpochMilli());
          ps.setLong(14, now.plus(Duration.ofDays(1 + i % 30)).toEpochMilli());
        } else {
          ps.setNull(13, Types.BIGINT);
          ps.setNull(14, Types.BIGINT);
        }
        ps.addBatch();
        if (i % 5_000 == 4_999) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
    try (var st = c.createStatement()) {
      st.executeUpdate(
          "INSERT INTO secret_tags (secret_id, position, tag_key, tag_value)"
              + " SELECT id, 0, 'team', 'bench' FROM secrets WHERE id % 2 = 0");
    }
    c.commit();
  }

  /** Whether secret {@code i} has rotation on. */
  public static boolean rotating(int i) {
    return i % 3 == 0;
  }

  /** {@code SELECT COUNT(*) FROM table} on the server's database. */
  public static long count(TestServer server, String table) throws SQLException {
    try (Connection c = server.database();
        var st = c.createStatement();
        var rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
