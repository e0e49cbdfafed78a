package dev.coffer.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;

/**
 * The database behind Coffer. Every unit of work runs in one transaction: either all of its changes
 * commit (durably: SQLite runs in WAL mode with full fsync, PostgreSQL with its default synchronous
 * commit) or none do.
 */
public final class Store implements AutoCloseable {
  private final HikariDataSource readPool;
  private final HikariDataSource writePool;
  private final Dialect dialect;
  // SQLite has a single writer; queueing writers here, fairly, is cheaper than SQLITE_BUSY retries.
  private final ReentrantLock sqliteWriteLock = new ReentrantLock(true);

  private Store(HikariDataSource readPool, HikariDataSource writePool, Dialect dialect) {
    this.readPool = readPool;
    this.writePool = writePool;
    this.dialect = dialect;
  }

  /** Opens (and migrates) the database at {@code jdbcUrl}. */
  public static Store open(String jdbcUrl, String user, String password) {
    Dialect dialect = Dialect.of(jdbcUrl);
    // Migrate over a plain connection before the pools exist: Flyway holds one connection for its
    // lock while another applies migrations, which SQLite's IMMEDIATE transactions would block.
    Flyway.configure()
        .dataSource(jdbcUrl, user.isEmpty() ? null : user, password.isEmpty() ? null : password)
        .locations(dialect.migrations())
        .failOnMissingLocations(true)
        .load()
        .migrate();
    if (dialect == Dialect.POSTGRESQL) {
      HikariDataSource pool = pool(jdbcUrl, user, password, "coffer-store", 16, new Properties());
      return new Store(pool, pool, dialect);
    }
    // SQLite in WAL mode: readers never block the writer, so reads get their own pool of DEFERRED
    // transactions and all writes go through one connection that begins IMMEDIATE transactions.
    HikariDataSource writes =
        pool(jdbcUrl, user, password, "coffer-store-write", 1, sqlite("IMMEDIATE"));
    HikariDataSource reads =
        pool(jdbcUrl, user, password, "coffer-store-read", 8, sqlite("DEFERRED"));
    return new Store(reads, writes, dialect);
  }

  private static Properties sqlite(String transactionMode) {
    Properties p = new Properties();
    p.setProperty("journal_mode", "WAL");
    p.setProperty("synchronous", "FULL");
    p.setProperty("foreign_keys", "true");
    p.setProperty("busy_timeout", "30000");
    p.setProperty("transaction_mode", transactionMode);
    return p;
  }

  private static HikariDataSource pool(
      String url, String user, String password, String name, int size, Properties props) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setPoolName(name);
    config.setAutoCommit(false);
    config.setMaximumPoolSize(size);
    config.setDataSourceProperties(props);
    if (!user.isEmpty()) {
      config.setUsername(user);
      config.setPassword(password);
    }
    return new HikariDataSource(config);
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Runs {@code work} in a read-only transaction. */
  public <T> T read(Work<T> work) {
    return run(work, false);
  }

  /** Runs {@code work} in one read-write transaction, committed when it returns normally. */
  public <T> T write(Work<T> work) {
    if (dialect != Dialect.SQLITE) {
      return run(work, true);
    }
    sqliteWriteLock.lock();
    try {
      return run(work, true);
    } finally {
      sqliteWriteLock.unlock();
    }
  }

  /** Runs {@code work}, which returns nothing, in one read-write transaction. */
  public void execute(java.util.function.Consumer<Tx> work) {
    write(tx -> {
      work.accept(tx);
      return Boolean.TRUE;
    });
  }

  private <T> T run(Work<T> work, boolean writable) {
    try (Connection c = (writable ? writePool : readPool).getConnection()) {
      Tx tx = new Tx(c, dialect);
      try {
        T result = work.run(tx);
        if (writable) {
          c.commit();
        } else {
          c.rollback();
        }
        for (Runnable action : tx.afterCommitActions()) {
          action.run();
        }
        return result;
      } catch (RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("database transaction failed", e);
    }
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    readPool.close();
    if (writePool != readPool) {
      writePool.close();
    }
  }

  /** A unit of work inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Tx tx);
  }
}
