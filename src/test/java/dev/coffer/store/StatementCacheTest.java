package dev.coffer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SQLite statements are prepared once per connection, reused, and replaced when a use failed. */
class StatementCacheTest {
  private Connection connection;

  @BeforeEach
  void open() throws IOException, SQLException {
    Path dir = Files.createTempDirectory("coffer-stmt");
    connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
    try (Statement st = connection.createStatement()) {
      st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
    }
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void prepare_sameSqlOnSameConnection_returnsTheOpenStatement() throws SQLException {
    PreparedStatement first = StatementCache.of(connection).prepare("SELECT v FROM t WHERE id = ?");

    PreparedStatement again = StatementCache.of(connection).prepare("SELECT v FROM t WHERE id = ?");

    assertThat(again).isSameAs(first);
    assertThat(again.isClosed()).isFalse();
  }

  @Test
  void prepare_moreStatementsThanTheBound_closesTheLeastRecentlyUsed() throws SQLException {
    StatementCache cache = StatementCache.of(connection);
    PreparedStatement oldest = cache.prepare("SELECT 0");
    for (int i = 1; i <= StatementCache.PER_CONNECTION; i++) {
      cache.prepare("SELECT " + i);
    }

    assertThat(oldest.isClosed()).isTrue();
    assertThat(cache.prepare("SELECT 0")).isNotSameAs(oldest);
  }

  @Test
  void sql_failedUse_isDiscardedAndTheNextUseWorks() throws SQLException {
    Sql sql = new Sql(connection, Dialect.SQLITE);
    String insert = "INSERT INTO t (id, v) VALUES (?, ?)";
    sql.update(insert, 1L, "a");
    PreparedStatement used = StatementCache.of(connection).prepare(insert);

    assertThatThrownBy(() -> sql.update(insert, 1L, "duplicate"))
        .isInstanceOf(StoreException.class);

    assertThat(used.isClosed()).isTrue();
    sql.update(insert, 2L, "b");
    assertThat(sql.query("SELECT v FROM t ORDER BY id", rs -> rs.getString(1)))
        .containsExactly("a", "b");
  }

  @Test
  void sql_reusedQuery_seesRowsWrittenSinceItsLastUse() {
    Sql sql = new Sql(connection, Dialect.SQLITE);
    for (long i = 1; i <= 5; i++) {
      sql.update("INSERT INTO t (id, v) VALUES (?, ?)", i, "v" + i);

      assertThat(sql.query("SELECT COUNT(*) FROM t", rs -> rs.getLong(1))).containsExactly(i);
    }
  }
}
