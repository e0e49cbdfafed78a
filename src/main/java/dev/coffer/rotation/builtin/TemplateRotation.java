package dev.coffer.rotation.builtin;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The four steps of AWS's rotation templates, for a database or for a plain password:
 *
 * <ul>
 *   <li>createSecret: unless the AWSPENDING version already has a value (a re-run), put a copy of
 *       AWSCURRENT with a new password (and, for alternating users, the other user name) as
 *       AWSPENDING;
 *   <li>setSecret: if the pending credentials already log in, nothing; otherwise, for a single
 *       user, log in with the current (or else the previous) credentials and change the password;
 *       for alternating users, log in with the master secret's credentials and create or update the
 *       other user;
 *   <li>testSecret: log in with the pending credentials (or, when RotateImmediately=false tests the
 *       configuration and AWSPENDING has no value, with the current ones);
 *   <li>finishSecret: move AWSCURRENT to the new version (AWSPREVIOUS follows).
 * </ul>
 */
final class TemplateRotation {
  /** How a rotator changes credentials. */
  enum Strategy {
    SINGLE_USER,
    ALTERNATING_USERS,
    PASSWORD_ONLY
  }

  static final String CLONE_SUFFIX = "_clone";

  private final SecretAccess secrets;
  private final Passwords passwords;
  private final Strategy strategy;
  private final Optional<Database> database;

  TemplateRotation(
      SecretAccess secrets, Passwords passwords, Strategy strategy, Optional<Database> database) {
    this.secrets = secrets;
    this.passwords = passwords;
    this.strategy = strategy;
    this.database = database;
  }

  void run(String step, String arn, String token) {
    try {
      switch (step) {
        case "createSecret" -> createSecret(arn, token);
        case "setSecret" -> setSecret(arn, token);
        case "testSecret" -> testSecret(arn, token);
        case "finishSecret" -> secrets.makeCurrent(arn, token);
        default -> throw new StepFailure("unknown step " + step);
      }
    } catch (SQLException e) {
      // SQLState and the driver's message name the problem; neither carries the password.
      throw new StepFailure(
          step + ": the database refused: " + e.getSQLState() + " " + e.getMessage());
    }
  }

  private void createSecret(String arn, String token) {
    String current = secrets.value(arn, "AWSCURRENT");
    if (secrets.valueOf(arn, token).isPresent()) {
      return; // made by an earlier run of this rotation
    }
    if (strategy == Strategy.PASSWORD_ONLY && !current.trim().startsWith("{")) {
      secrets.putPending(arn, token, passwords.generate(Optional.empty(), ""));
      return;
    }
    DatabaseSecret c = DatabaseSecret.parse(current);
    String excluded = strategy == Strategy.PASSWORD_ONLY ? "" : Passwords.DATABASE_EXCLUDED;
    String password = passwords.generate(c.passwordOptions(), excluded);
    String user = c.text("username").orElse("");
    if (strategy == Strategy.ALTERNATING_USERS) {
      user = alternate(c.username());
    }
    secrets.putPending(
        arn,
        token,
        (strategy == Strategy.PASSWORD_ONLY && user.isEmpty()
                ? withPasswordOnly(c, password)
                : c.with(user, password))
            .toJson());
  }

  private static DatabaseSecret withPasswordOnly(DatabaseSecret c, String password) {
    return c.with("", password).without("username");
  }

  private String alternate(String user) {
    String next =
        user.endsWith(CLONE_SUFFIX)
            ? user.substring(0, user.length() - CLONE_SUFFIX.length())
            : user + CLONE_SUFFIX;
    if (next.length() > database.map(Database::maxUserNameLength).orElse(Integer.MAX_VALUE)) {
      throw new StepFailure("the alternate user name would be too long for the database");
    }
    return next;
  }

  private void setSecret(String arn, String token) throws SQLException {
    if (database.isEmpty()) {
      return;
    }
    Database db = database.get();
    DatabaseSecret pending = pending(arn, token);
    if (canLogIn(db, pending)) {
      return; // set by an earlier run
    }
    DatabaseSecret current = DatabaseSecret.parse(secrets.value(arn, "AWSCURRENT"));
    checkSameDatabase(current, pending);
    if (strategy == Strategy.ALTERNATING_USERS) {
      String masterArn =
          current
              .masterArn()
              .orElseThrow(() -> new StepFailure("the secret has no masterarn member"));
      DatabaseSecret master = DatabaseSecret.parse(secrets.value(masterArn, "AWSCURRENT"));
      db.prepareAlternateUser(master, current, pending);
      return;
    }
    DatabaseSecret usable = current;
    if (!canLogIn(db, current)) {
      usable =
          secrets
              .valueIfAny(arn, "AWSPREVIOUS")
              .map(DatabaseSecret::parse)
              .filter(p -> canLogIn(db, p))
              .orElseThrow(() ->
                  new StepFailure(
                      "neither the current nor the previous credentials log in to the database"));
    }
    db.changeOwnPassword(usable, pending.password());
  }

  private void testSecret(String arn, String token) throws SQLException {
    if (database.isEmpty()) {
      return;
    }
    Optional<String> pending = secrets.valueOf(arn, token);
    // RotateImmediately=false tests the configuration with an empty AWSPENDING placeholder: then
    // the current credentials must log in.
    String tested = pending.isPresent() ? pending.get() : secrets.value(arn, "AWSCURRENT");
    database.get().logIn(DatabaseSecret.parse(tested));
  }

  private DatabaseSecret pending(String arn, String token) {
    return DatabaseSecret.parse(
        secrets
            .valueOf(arn, token)
            .orElseThrow(() -> new StepFailure("the AWSPENDING version has no value")));
  }

  private static boolean canLogIn(Database db, DatabaseSecret account) {
    try {
      db.logIn(account);
      return true;
    } catch (SQLException | StepFailure e) {
      return false;
    }
  }

  /** AWS's templates refuse to rotate when the pending value points at another database. */
  private static void checkSameDatabase(DatabaseSecret current, DatabaseSecret pending) {
    if (!current.host().equals(pending.host())
        || !current.text("port").equals(pending.text("port"))
        || !current.dbname().equals(pending.dbname())) {
      throw new StepFailure("the pending secret points at another database than the current one");
    }
  }
}
