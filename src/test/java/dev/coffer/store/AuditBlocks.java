package dev.coffer.store;

import dev.coffer.core.audit.StoredAuditEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Test support for the blocks in which SQLite stores the events copied from its audit journal
 * ({@code audit_event_blocks}): tests that damage single events with SQL unpack them into rows of
 * {@code audit_events} first.
 */
public final class AuditBlocks {
  private AuditBlocks() {}

  /** Every event stored in blocks, ascending. */
  public static List<StoredAuditEvent> events(Connection c) throws SQLException {
    List<StoredAuditEvent> events = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT events FROM audit_event_blocks ORDER BY first_seq")) {
      while (rs.next()) {
        try {
          events.addAll(AuditRecords.decodeAll(rs.getBytes(1), true));
        } catch (AuditRecords.Damaged e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return events;
  }

  /** The raw bytes of every block, ascending. */
  public static List<byte[]> raw(Connection c) throws SQLException {
    List<byte[]> blocks = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT events FROM audit_event_blocks ORDER BY first_seq")) {
      while (rs.next()) {
        blocks.add(rs.getBytes(1));
      }
    }
    return blocks;
  }

  /**
   * Moves every event stored in a block into {@code audit_events} as its own row (as the server
   * reads either), so that a test can change, remove or reorder single events with SQL.
   */
  public static void unpack(Connection c) throws SQLException {
    List<StoredAuditEvent> events = events(c);
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO audit_events (seq, event_id, event_time, account_id, region,"
                + " event_source, event_name, username, access_key_id, resource_names,"
                + " resource_types, read_only, body, chain_hash)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      for (StoredAuditEvent e : events) {
        st.setLong(1, e.seq());
        st.setString(2, e.eventId());
        st.setLong(3, e.eventTime().toEpochMilli());
        st.setString(4, e.accountId());
        st.setString(5, e.region());
        st.setString(6, e.eventSource());
        st.setString(7, e.eventName());
        st.setString(8, e.username());
        st.setString(9, e.accessKeyId());
        st.setString(10, lines(e.resourceNames()));
        st.setString(11, lines(e.resourceTypes()));
        st.setLong(12, e.readOnly() ? 1 : 0);
        st.setString(13, e.body());
        st.setString(14, e.chainHash());
        st.executeUpdate();
      }
    }
    try (Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM audit_event_blocks");
    }
  }

  private static String lines(List<String> items) {
    return items.isEmpty() ? "" : "\n" + String.join("\n", items) + "\n";
  }
}
