package dev.coffer.store;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/** One open transaction; hands out the repositories that work inside it. */
public final class Tx {
  private static final Logger LOG = Logger.getLogger(Tx.class.getName());
  private final Connection connection;
  private final Dialect dialect;
  private @Nullable SecretRepository secrets;
  private @Nullable AuditRepository audit;
  private @Nullable RotationRunRepository rotationRuns;
  private final List<Runnable> afterCommit = new ArrayList<>();
  private @Nullable KmsRepository kms;
  private @Nullable RootKeyRepository rootKeys;
  private @Nullable IamRepository iam;
  private @Nullable NotificationRepository notifications;

  Tx(Connection connection, Dialect dialect) {
    this.connection = connection;
    this.dialect = dialect;
  }

  public SecretRepository secrets() {
    SecretRepository s = secrets;
    if (s == null) {
      s = new SecretRepository(new Sql(connection, dialect));
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

  public NotificationRepository notifications() {
    NotificationRepository n = notifications;
    if (n == null) {
      n = new NotificationRepository(new Sql(connection, dialect));
      notifications = n;
    }
    return n;
  }

  public AuditRepository audit() {
    AuditRepository a = audit;
    if (a == null) {
      a = new AuditRepository(new Sql(connection, dialect));
      audit = a;
    }
    return a;
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
