package dev.coffer.store;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/** One open transaction; hands out the repositories that work inside it. */
public final class Tx {
  private static final Logger LOG = Logger.getLogger(Tx.class.getName());
  // Not final only so that tests can count this transaction's statements (see routeThrough).
  private Connection connection;
  private final Dialect dialect;
  private @Nullable SecretRepository secrets;
  private @Nullable AuditRepository audit;
  // SQLite's audit journal (see AuditJournal): its pending events extend the head; when appending
  // is set, audit events of this transaction go there instead of into the database.
  private @Nullable AuditJournal journal;
  private boolean appendToJournal;
  private @Nullable RotationRunRepository rotationRuns;
  private final List<Runnable> afterCommit = new ArrayList<>();
  private @Nullable KmsRepository kms;
  private @Nullable RootKeyRepository rootKeys;
  private @Nullable ComplianceRepository compliance;
  private final SecretObserver observer;
  // Secrets changed by the running unit of work, by row id: the last written state and whether it
  // was deleted. Reported to the observer just before the unit commits.
  private final Map<Long, Changed> changedSecrets = new LinkedHashMap<>();

  private record Changed(SecretRecord secret, boolean removed) {}

  private @Nullable IamRepository iam;
  private @Nullable NotificationRepository notifications;
  private @Nullable RemediationRepository remediation;

  Tx(Connection connection, Dialect dialect) {
    this(connection, dialect, SecretObserver.NONE);
  }

  Tx(Connection connection, Dialect dialect, SecretObserver observer) {
    this.connection = connection;
    this.dialect = dialect;
    this.observer = observer;
  }

  /** The connection under this transaction (tests in this package wrap it to count rows). */
  Connection connection() {
    return connection;
  }

  /**
   * For tests in this package: the repositories handed out from now on send their statements
   * through {@code wrap}'s connection, so that a test can count what a unit of work of a higher
   * layer reads and writes. The transaction itself still commits on the connection it began on.
   */
  void routeThrough(UnaryOperator<Connection> wrap) {
    connection = wrap.apply(connection);
    secrets = null;
    audit = null;
    rotationRuns = null;
    kms = null;
    rootKeys = null;
    compliance = null;
    iam = null;
    notifications = null;
    remediation = null;
  }

  public SecretRepository secrets() {
    SecretRepository s = secrets;
    if (s == null) {
      s =
          new SecretRepository(
              new Sql(connection, dialect),
              observer == SecretObserver.NONE ? null : this::secretChanged);
      secrets = s;
    }
    return s;
  }

  public KmsRepository kms() {
    KmsRepository k = kms;
    if (k == null) {
      k = new KmsRepository(new Sql(connection, dialect));
      kms = k;
    }
    return k;
  }

  public RootKeyRepository rootKeys() {
    RootKeyRepository r = rootKeys;
    if (r == null) {
      r = new RootKeyRepository(new Sql(connection, dialect));
      rootKeys = r;
    }
    return r;
  }

  public IamRepository iam() {
    IamRepository i = iam;
    if (i == null) {
      i = new IamRepository(new Sql(connection, dialect));
      iam = i;
    }
    return i;
  }

  public RotationRunRepository rotationRuns() {
    RotationRunRepository r = rotationRuns;
    if (r == null) {
      r = new RotationRunRepository(new Sql(connection, dialect));
      rotationRuns = r;
    }
    return r;
  }

  public ComplianceRepository compliance() {
    ComplianceRepository c = compliance;
    if (c == null) {
      c = new ComplianceRepository(new Sql(connection, dialect));
      compliance = c;
    }
    return c;
  }

  private void secretChanged(SecretRecord secret, boolean removed) {
    changedSecrets.put(secret.id(), new Changed(secret, removed));
  }

  /**
   * Reports the secrets the unit of work changed to the observer, inside the transaction; the
   * observer's own writes may change more secrets, which are reported in turn.
   */
  void beforeCommit() {
    while (!changedSecrets.isEmpty()) {
      Iterator<Map.Entry<Long, Changed>> it = changedSecrets.entrySet().iterator();
      Changed c = it.next().getValue();
      it.remove();
      observer.changed(this, c.secret(), c.removed());
    }
  }

  /** Forgets the changes of a unit of work that was rolled back. */
  void discardChanges() {
    changedSecrets.clear();
  }

  public NotificationRepository notifications() {
    NotificationRepository n = notifications;
    if (n == null) {
      n = new NotificationRepository(new Sql(connection, dialect));
      notifications = n;
    }
    return n;
  }

  public RemediationRepository remediation() {
    RemediationRepository r = remediation;
    if (r == null) {
      r = new RemediationRepository(new Sql(connection, dialect));
      remediation = r;
    }
    return r;
  }

  public AuditRepository audit() {
    AuditRepository a = audit;
    if (a == null) {
      a = new AuditRepository(new Sql(connection, dialect), journal, appendToJournal);
      audit = a;
    }
    return a;
  }

  /**
   * Binds this transaction to SQLite's audit journal (before any work runs in it): the head takes
   * the journal's pending events into account, and with {@code append} the audit events appended in
   * this transaction are written to the journal rather than to the database.
   */
  void useJournal(AuditJournal j, boolean append) {
    this.journal = j;
    this.appendToJournal = append;
    this.audit = null;
  }

  /**
   * Runs {@code action} once this transaction has committed (never if it rolls back). Actions run
   * on the committing thread, in order; one that fails is logged and does not stop the others.
   */
  public void afterCommit(Runnable action) {
    afterCommit.add(action);
  }

  /** How many after-commit actions are registered (a savepoint's mark). */
  int afterCommitMark() {
    return afterCommit.size();
  }

  /** Removes and returns the actions registered since {@code mark}. */
  List<Runnable> takeAfterCommit(int mark) {
    List<Runnable> taken = new ArrayList<>(afterCommit.subList(mark, afterCommit.size()));
    afterCommit.subList(mark, afterCommit.size()).clear();
    return taken;
  }

  /** Drops the actions registered since {@code mark}: their unit of work was rolled back. */
  void discardAfterCommit(int mark) {
    afterCommit.subList(mark, afterCommit.size()).clear();
  }

  void runAfterCommit() {
    runAll(afterCommit);
    afterCommit.clear();
  }

  /** Runs {@code actions} in order; one that fails is logged and does not stop the others. */
  static void runAll(List<Runnable> actions) {
    for (Runnable r : actions) {
      try {
        r.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "an after-commit action failed", e);
      }
    }
  }
}
