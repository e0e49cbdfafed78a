package dev.coffer.compliance.remediation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where remediation keeps configurations, exceptions and executions. A port: compliance may not use
 * the store package (DESIGN.md), so the server implements it. Calls inside {@link #write} share one
 * transaction, and a {@link #write} on a thread that already has one open (an API request, an
 * evaluation) joins it.
 */
public interface RemediationStore {
  <T> T write(Supplier<T> work);

  <T> T read(Supplier<T> work);

  /** Runs {@code action} once the write transaction open on this thread has committed. */
  void afterCommit(Runnable action);

  Optional<RemediationConfiguration> configuration(String accountId, String region, String rule);

  /** The configurations of an account and region, by rule name. */
  List<RemediationConfiguration> configurations(String accountId, String region);

  void saveConfiguration(RemediationConfiguration c);

  /** Deletes the configuration and the executions of its rule; false if there was none. */
  boolean deleteConfiguration(String accountId, String region, String rule);

  List<RemediationExceptionEntry> exceptions(String accountId, String region, String rule);

  void saveException(String accountId, String region, RemediationExceptionEntry e);

  boolean deleteException(String accountId, String region, String rule, ResourceKey key);

  Optional<RemediationExecution> execution(
      String accountId, String region, String rule, ResourceKey key);

  /** The executions of a rule, by resource type and id. */
  List<RemediationExecution> executions(String accountId, String region, String rule);

  void saveExecution(String accountId, String region, RemediationExecution e);

  /** An execution with the account and region it belongs to. */
  record Located(String accountId, String region, RemediationExecution execution) {}

  /** Executions whose next attempt has come, the longest waiting first. */
  List<Located> due(Instant now, int limit);

  /**
   * Replaces {@code expected} by {@code claimed} if its next attempt is still {@code
   * expected.nextAttemptAt()} (compare-and-set, so one node runs each attempt).
   */
  boolean claim(
      String accountId, String region, RemediationExecution expected, RemediationExecution claimed);
}
