package dev.coffer.rotation.builtin;

import dev.coffer.core.error.CofferException;
import dev.coffer.secrets.RotationJob;
import dev.coffer.secrets.SecretsService;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rotation functions that run inside Coffer. A RotationLambdaARN whose function name is one of
 * theirs, in any partition, region and account (for example {@code
 * arn:aws:lambda:us-east-1:123456789012:function:coffer-postgresql-single-user}), is served here
 * instead of over HTTP; these names win over {@code rotation.functions} routes.
 */
public final class BuiltinRotators implements AutoCloseable {
  public static final String POSTGRESQL_SINGLE_USER = "coffer-postgresql-single-user";
  public static final String POSTGRESQL_MULTI_USER = "coffer-postgresql-multi-user";
  public static final String MYSQL_SINGLE_USER = "coffer-mysql-single-user";
  public static final String MYSQL_MULTI_USER = "coffer-mysql-multi-user";
  public static final String RANDOM_PASSWORD = "coffer-random-password";

  private static final Pattern FUNCTION_ARN =
      Pattern.compile("arn:[a-z0-9-]+:lambda:[a-z0-9-]+:[0-9]{12}:function:([A-Za-z0-9_-]+)(:.+)?");

  private final Map<String, TemplateRotation> rotators;
  private final Duration timeout;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

  /**
   * @param secrets the service the rotators read and write secrets through
   * @param clock the domain clock
   * @param timeout the limit for one step, database connections included
   */
  public BuiltinRotators(SecretsService secrets, Clock clock, Duration timeout) {
    this.timeout = timeout;
    SecretAccess access = new SecretAccess(secrets, clock);
    Passwords passwords = new Passwords();
    Database postgres = new PostgresDatabase(timeout);
    Database mysql = new MysqlDatabase(timeout);
    this.rotators =
        Map.of(
            POSTGRESQL_SINGLE_USER,
            new TemplateRotation(
                access, passwords, TemplateRotation.Strategy.SINGLE_USER, Optional.of(postgres)),
            POSTGRESQL_MULTI_USER,
            new TemplateRotation(
                access,
                passwords,
                TemplateRotation.Strategy.ALTERNATING_USERS,
                Optional.of(postgres)),
            MYSQL_SINGLE_USER,
            new TemplateRotation(
                access, passwords, TemplateRotation.Strategy.SINGLE_USER, Optional.of(mysql)),
            MYSQL_MULTI_USER,
            new TemplateRotation(
                access, passwords, TemplateRotation.Strategy.ALTERNATING_USERS, Optional.of(mysql)),
            RANDOM_PASSWORD,
            new TemplateRotation(
                access, passwords, TemplateRotation.Strategy.PASSWORD_ONLY, Optional.empty()));
  }

  /** The built-in function {@code functionArn} names, if it names one. */
  public static Optional<String> builtinName(String functionArn) {
    Matcher m = FUNCTION_ARN.matcher(functionArn);
    if (!m.matches()) {
      return Optional.empty();
    }
    String name = m.group(1);
    return switch (name) {
      case POSTGRESQL_SINGLE_USER,
          POSTGRESQL_MULTI_USER,
          MYSQL_SINGLE_USER,
          MYSQL_MULTI_USER,
          RANDOM_PASSWORD ->
          Optional.of(name);
      default -> Optional.empty();
    };
  }

  public boolean handles(String functionArn) {
    return builtinName(functionArn).isPresent();
  }

  /**
   * Runs one step on a virtual thread. The future completes with empty on success, or with what
   * went wrong (never a secret value); cancelling it abandons the step.
   */
  public CompletableFuture<Optional<String>> invoke(RotationJob job, String step) {
    TemplateRotation rotator =
        builtinName(job.functionArn())
            .map(rotators::get)
            .orElseThrow(() -> new IllegalStateException("not built in: " + job.functionArn()));
    CompletableFuture<Optional<String>> result = new CompletableFuture<>();
    var task =
        threads.submit(() -> {
          try {
            rotator.run(step, job.secretArn(), job.token());
            result.complete(Optional.empty());
          } catch (StepFailure | CofferException e) {
            result.complete(Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage()));
          } catch (RuntimeException e) {
            result.complete(
                Optional.of("the built-in rotator failed: " + e.getClass().getSimpleName()));
          }
        });
    result.whenComplete((r, e) -> {
      if (result.isCancelled()) {
        task.cancel(true);
      }
    });
    return result.completeOnTimeout(
        Optional.of("the step did not finish in time (rotation.timeout)"),
        timeout.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
