package dev.coffer.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.coffer.core.audit.StoredAuditEvent;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;

/**
 * The database behind Coffer. Every unit of work runs in one transaction: either all of its changes
 * commit (durably: SQLite in WAL mode, each commit's WAL synced before its caller continues, see
 * {@link WalSyncer}; PostgreSQL with its default synchronous commit) or none do.
 *
 * <p>A write transaction is bound to the thread that runs its work: a {@link #read}, {@link #write}
 * or {@link #execute} called from inside it (a service called by the request transaction the
 * endpoint opens, or the audit layer) joins the open transaction instead of opening its own, so a
 * change and its audit record commit together or not at all. Work that must happen only once the
 * change is durable registers with {@link Tx#afterCommit}.
 */
public final class Store implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Store.class.getName());
  private final HikariDataSource readPool;
  private final HikariDataSource writePool;
  private final Dialect dialect;
  // SQLite has a single writer: one thread runs every write, which is cheaper than SQLITE_BUSY
  // retries and lets writes that queue up share a commit.
  private final @Nullable SqliteWriter sqliteWriter;
  // File-backed SQLite: where the audit events of reads are made durable first (AuditJournal).
  private final @Nullable AuditJournal journal;
  // The write transaction open on this thread, if any (see the class comment).
  private final ThreadLocal<@Nullable Tx> open = new ThreadLocal<>();

  /**
   * The read-only transaction open on this thread: a read nested in another read (GetSecretValue
   * opening its value through KMS) joins it instead of holding a second pooled connection, which
   * with every pooled connection held by an outer read would wait for a connection that no one
   * frees.
   */
  private final ThreadLocal<@Nullable Tx> reading = new ThreadLocal<>();

  // Told of the secrets each write changes (see observeSecrets); set once wiring is done.
  private volatile SecretObserver secretObserver = SecretObserver.NONE;
  private final SecretObserver observer =
      (tx, s, removed) -> secretObserver.changed(tx, s, removed);

  private Store(
      HikariDataSource readPool,
      HikariDataSource writePool,
      Dialect dialect,
      @Nullable WalSyncer syncer,
      @Nullable AuditJournal journal,
      @Nullable WalCheckpointer checkpointer) {
    this.readPool = readPool;
    this.writePool = writePool;
    this.dialect = dialect;
    this.journal = journal;
    this.sqliteWriter =
        dialect == Dialect.SQLITE
            ? new SqliteWriter(writePool, dialect, open, observer, syncer, journal, checkpointer)
            : null;
  }

  /**
   * Has {@code o} told of every secret each write transaction inserts, updates or deletes, just
   * before the transaction commits and inside it (see {@link SecretObserver}).
   */
  public void observeSecrets(SecretObserver o) {
    this.secretObserver = o;
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
      return new Store(pool, pool, dialect, null, null, null);
    }
    // SQLite in WAL mode: readers never block the writer, so reads get their own pool of DEFERRED
    // transactions and all writes go through one connection that begins IMMEDIATE transactions.
    // The write connection commits without syncing (synchronous=NORMAL) and WalSyncer syncs the WAL
    // before any caller is released, overlapping each fsync with the next batch's work.
    Optional<Path> wal = walFile(jdbcUrl);
    AuditJournal journal = wal.isPresent() ? recoverJournal(jdbcUrl, user, password) : null;
    HikariDataSource writes =
        pool(
            jdbcUrl,
            user,
            password,
            "coffer-store-write",
            1,
            writeConnection(sqlite("IMMEDIATE", wal.isPresent() ? "NORMAL" : "FULL")));
    WalCheckpointer checkpointer = wal.isPresent() ? new WalCheckpointer(jdbcUrl) : null;
    HikariDataSource reads =
        pool(jdbcUrl, user, password, "coffer-store-read", 8, sqlite("DEFERRED", "FULL"));
    return new Store(
        reads,
        writes,
        dialect,
        wal.map(w -> new WalSyncer(w, journal)).orElse(null),
        journal,
        checkpointer);
  }

  /**
   * Opens the audit journal of a file-backed SQLite database and copies into the database, durably,
   * the events it holds that the database does not (the server stopped before copying them).
   */
  private static AuditJournal recoverJournal(String jdbcUrl, String user, String password) {
    Path database = Path.of(jdbcUrl.substring("jdbc:sqlite:".length()));
    AuditJournal journal;
    try {
      journal = AuditJournal.open(database);
    } catch (IOException e) {
      throw new StoreException("cannot open the audit journal beside " + database, e);
    }
    // A plain connection syncs its commit (synchronous=FULL), so the copy is durable before the
    // journal's files are reused.
    try (Connection c =
        DriverManager.getConnection(
            jdbcUrl, user.isEmpty() ? null : user, password.isEmpty() ? null : password)) {
      c.setAutoCommit(false);
      AuditRepository audit = new Tx(c, Dialect.SQLITE).audit();
      List<StoredAuditEvent> missing = journal.recover(audit.head().lastSeq());
      if (!missing.isEmpty()) {
        audit.insertBlocks(missing);
        c.commit();
        LOG.info(
            "copied "
                + missing.size()
                + " audit events from the audit journal into the database (the server had stopped"
                + " before copying them)");
      }
      // The previous run's last copies may have committed without an fsync of the WAL yet
      // (synchronous=NORMAL): make them durable before the journal is emptied.
      for (String suffix : new String[] {"-wal", ""}) {
        Path f = database.resolveSibling(database.getFileName() + suffix);
        if (Files.exists(f)) {
          try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.force(true);
          }
        }
      }
      journal.recovered();
      return journal;
    } catch (SQLException | IOException | RuntimeException e) {
      journal.close();
      throw new StoreException("cannot recover the audit journal beside " + database, e);
    }
  }

  /**
   * The WAL file of a SQLite database given by path ({@code jdbc:sqlite:/dir/coffer.db} → {@code
   * /dir/coffer.db-wal}); empty for in-memory databases and URIs, whose commits then sync
   * themselves.
   */
  static Optional<Path> walFile(String jdbcUrl) {
    String path = jdbcUrl.substring("jdbc:sqlite:".length());
    if (path.isEmpty() || path.startsWith(":") || path.startsWith("file:") || path.contains("?")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(path + "-wal"));
  }

  /**
   * The write connection never checkpoints: {@link WalCheckpointer} does, on a thread of its own,
   * because a checkpoint inside a commit held up every caller waiting for the writer (README,
   * "Performance").
   */
  private static Properties writeConnection(Properties p) {
    p.setProperty("wal_autocheckpoint", "0");
    return p;
  }

  private static Properties sqlite(String transactionMode, String synchronous) {
    Properties p = new Properties();
    p.setProperty("journal_mode", "WAL");
    p.setProperty("synchronous", synchronous);
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

  /**
   * Runs {@code work} in a read-only transaction, or inside the write transaction open on this
   * thread (so that it sees that transaction's own changes).
   */
  public <T> T read(Work<T> work) {
    Tx current = open.get();
    if (current == null) {
      current = reading.get();
    }
    if (current != null) {
      return work.run(current);
    }
    return run(work, false);
  }

  /**
   * Runs {@code work} in one read-write transaction, committed when it returns normally; returns
   * only once the commit is durable.
   *
   * <p>On SQLite, writes that queue up while another commit is in progress are group-committed: the
   * writer thread runs every queued unit of work in one transaction, each inside its own savepoint,
   * and commits them with a single fsync. A unit that throws is rolled back to its savepoint alone
   * and its caller gets the exception; the others are unaffected. Units run one after another in
   * queue order, so each sees what the previous ones wrote, exactly as if they had committed
   * separately; no caller returns before the commit that holds its changes.
   */
  public <T> T write(Work<T> work) {
    Tx current = open.get();
    if (current != null) {
      return work.run(current);
    }
    SqliteWriter writer = sqliteWriter;
    return writer == null ? run(work, true) : writer.write(work);
  }

  /**
   * Writes {@code items} with {@code work} in a write transaction and returns once they are
   * durable: an append that many callers make at once (audit events of reads).
   *
   * <p>On SQLite, the items of every caller queued for the writer with the same {@code work} object
   * are written by one call of it, in the group commit of the writer thread itself, so a caller
   * costs one hand-off and its share of one fsync. On PostgreSQL, this is one transaction of its
   * own; batch before calling (see {@link #mergesBatches}).
   *
   * @throws StoreException the items could not be written, or (SQLite) were not committed within
   *     {@code timeout}, in which case they may still commit later
   */
  public <E> void writeBatched(BatchWork<E> work, List<E> items, Duration timeout) {
    writeBatched(work, items, timeout, false);
  }

  /**
   * As {@link #writeBatched}, for work that does nothing but append audit events ({@link
   * AuditRepository#lockHead} and {@link AuditRepository#append}). A file-backed SQLite store makes
   * them durable in its audit journal and copies them into the database shortly after, in bulk (see
   * {@link AuditJournal}); until then they are invisible to readers of the audit log, which call
   * {@link #copyJournaledEvents} first.
   */
  public <E> void writeJournaled(BatchWork<E> work, List<E> items, Duration timeout) {
    writeBatched(work, items, timeout, true);
  }

  private <E> void writeBatched(
      BatchWork<E> work, List<E> items, Duration timeout, boolean journaled) {
    SqliteWriter writer = sqliteWriter;
    if (writer == null || open.get() != null) {
      execute(tx -> work.write(tx, items));
      return;
    }
    writer.writeBatched(work, items, timeout, journaled);
  }

  /**
   * Makes every audit event recorded so far visible to readers of the database: on a store with an
   * audit journal, copies the journal's waiting events in; elsewhere does nothing. Call before
   * reading the audit log.
   */
  public void copyJournaledEvents() {
    if (journal != null && open.get() == null) {
      write(tx -> Boolean.TRUE);
    }
  }

  /** Whether {@link #writeBatched} merges concurrent callers' items (SQLite's single writer). */
  public boolean mergesBatches() {
    return sqliteWriter != null;
  }

  /** Whether a write transaction is open on this thread. */
  public boolean inWriteTransaction() {
    return open.get() != null;
  }

  /** Writes waiting for SQLite's writer thread (for tests). */
  int queuedWrites() {
    SqliteWriter writer = sqliteWriter;
    return writer == null ? 0 : writer.queued();
  }

  /** Runs {@code work}, which returns nothing, in one read-write transaction. */
  public void execute(java.util.function.Consumer<Tx> work) {
    write(tx -> {
      work.accept(tx);
      return Boolean.TRUE;
    });
  }

  private <T> T run(Work<T> work, boolean writable) {
    Tx tx;
    T result;
    try (Connection c = (writable ? writePool : readPool).getConnection()) {
      tx = new Tx(c, dialect, writable ? observer : SecretObserver.NONE);
      (writable ? open : reading).set(tx);
      try {
        result = work.run(tx);
        if (writable) {
          tx.beforeCommit();
          c.commit();
        } else {
          c.rollback();
        }
      } catch (RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        (writable ? open : reading).remove();
      }
    } catch (SQLException e) {
      throw new StoreException("database transaction failed", e);
    }
    tx.runAfterCommit();
    return result;
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
    if (sqliteWriter != null) {
      sqliteWriter.close();
    }
    if (journal != null) {
      journal.close();
    }
    readPool.close();
    if (writePool != readPool) {
      writePool.close();
    }
  }

  /** Writes the items of one or many callers inside one transaction. */
  @FunctionalInterface
  public interface BatchWork<E> {
    void write(Tx tx, List<E> items);
  }

  /** A unit of work inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Tx tx);
  }
}
