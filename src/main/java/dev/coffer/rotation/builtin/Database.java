package dev.coffer.rotation.builtin;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The statements a database rotator needs, per engine. */
interface Database {

  /** A connection to {@code account}'s database with its credentials (engine-specific options). */
  Connection connect(DatabaseSecret account) throws SQLException;

  /** Opens a connection with {@code account}'s credentials and runs a trivial query. */
  default void logIn(DatabaseSecret account) throws SQLException {
    try (Connection c = connect(account);
        Statement s = c.createStatement()) {
      s.execute("SELECT 1");
    }
  }

  /** Logged in as {@code current}, changes that user's own password to {@code newPassword}. */
  void changeOwnPassword(DatabaseSecret current, String newPassword) throws SQLException;

  /**
   * Logged in as {@code master}, makes {@code pending}'s user exist with {@code pending}'s password
   * and the privileges of {@code current}'s user (alternating-users strategy).
   */
  void prepareAlternateUser(DatabaseSecret master, DatabaseSecret current, DatabaseSecret pending)
      throws SQLException;

  /** The longest user name the engine accepts. */
  int maxUserNameLength();
}
