package dev.coffer.server;

import dev.coffer.compliance.remediation.RemediationConfiguration;
import dev.coffer.compliance.remediation.RemediationDocuments;
import dev.coffer.compliance.remediation.RemediationExceptionEntry;
import dev.coffer.compliance.remediation.RemediationExecution;
import dev.coffer.compliance.remediation.RemediationStore;
import dev.coffer.compliance.remediation.ResourceKey;
import dev.coffer.store.RemediationRepository.ExceptionRow;
import dev.coffer.store.RemediationRepository.ExecutionRow;
import dev.coffer.store.Store;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The remediation port over the store's {@code remediation_*} tables (migration V42). */
final class RemediationBackend extends StorePort implements RemediationStore {
  RemediationBackend(Store store) {
    super(store);
  }

  @Override
  public Optional<RemediationConfiguration> configuration(
      String accountId, String region, String rule) {
    return store
        .read(tx -> tx.remediation().configuration(accountId, region, rule))
        .map(RemediationDocuments::configuration);
  }

  @Override
  public List<RemediationConfiguration> configurations(String accountId, String region) {
    return store.read(tx -> tx.remediation().configurations(accountId, region)).stream()
        .map(RemediationDocuments::configuration)
        .toList();
  }

  @Override
  public void saveConfiguration(RemediationConfiguration c) {
    String doc = RemediationDocuments.write(c);
    store.execute(tx ->
        tx.remediation().saveConfiguration(c.accountId(), c.region(), c.configRuleName(), doc));
  }

  @Override
  public boolean deleteConfiguration(String accountId, String region, String rule) {
    return store.write(tx -> {
      tx.remediation().deleteExecutions(accountId, region, rule);
      return tx.remediation().deleteConfiguration(accountId, region, rule);
    });
  }

  @Override
  public List<RemediationExceptionEntry> exceptions(String accountId, String region, String rule) {
    return store.read(tx -> tx.remediation().exceptions(accountId, region, rule)).stream()
        .map(r ->
            new RemediationExceptionEntry(
                r.ruleName(),
                new ResourceKey(r.resourceType(), r.resourceId()),
                r.message(),
                r.expiresAt()))
        .toList();
  }

  @Override
  public void saveException(String accountId, String region, RemediationExceptionEntry e) {
    store.execute(tx ->
        tx.remediation()
            .saveException(
                new ExceptionRow(
                    accountId,
                    region,
                    e.ruleName(),
                    e.key().resourceType(),
                    e.key().resourceId(),
                    e.message(),
                    e.expirationTime())));
  }

  @Override
  public boolean deleteException(String accountId, String region, String rule, ResourceKey key) {
    return store.write(tx ->
        tx.remediation()
            .deleteException(accountId, region, rule, key.resourceType(), key.resourceId()));
  }

  @Override
  public Optional<RemediationExecution> execution(
      String accountId, String region, String rule, ResourceKey key) {
    return store
        .read(tx ->
            tx.remediation()
                .execution(accountId, region, rule, key.resourceType(), key.resourceId()))
        .map(RemediationBackend::execution);
  }

  @Override
  public List<RemediationExecution> executions(String accountId, String region, String rule) {
    return store.read(tx -> tx.remediation().executions(accountId, region, rule)).stream()
        .map(RemediationBackend::execution)
        .toList();
  }

  @Override
  public void saveExecution(String accountId, String region, RemediationExecution e) {
    ExecutionRow row = row(accountId, region, e);
    store.execute(tx -> tx.remediation().saveExecution(row));
  }

  @Override
  public List<Located> due(Instant now, int limit) {
    return store.read(tx -> tx.remediation().due(now, limit)).stream()
        .map(r -> new Located(r.accountId(), r.region(), execution(r)))
        .toList();
  }

  @Override
  public boolean claim(
      String accountId,
      String region,
      RemediationExecution expected,
      RemediationExecution claimed) {
    Optional<Instant> at = expected.nextAttemptAt();
    Optional<Instant> until = claimed.nextAttemptAt();
    if (at.isEmpty() || until.isEmpty()) {
      return false;
    }
    ExecutionRow row = row(accountId, region, expected);
    String doc = RemediationDocuments.write(claimed);
    return store.write(tx -> tx.remediation().claim(row, at.get(), until.get(), doc));
  }

  private static ExecutionRow row(String accountId, String region, RemediationExecution e) {
    return new ExecutionRow(
        accountId,
        region,
        e.ruleName(),
        e.key().resourceType(),
        e.key().resourceId(),
        e.state(),
        e.nextAttemptAt(),
        RemediationDocuments.write(e));
  }

  /** The row's state column is authoritative: a claim sets it with a compare-and-set. */
  private static RemediationExecution execution(ExecutionRow r) {
    RemediationExecution x = RemediationDocuments.execution(r.document(), r.nextAttemptAt());
    return new RemediationExecution(
        x.ruleName(),
        x.key(),
        r.state(),
        x.steps(),
        x.invocationTime(),
        x.lastUpdatedTime(),
        x.automatic(),
        x.attempts(),
        x.nextAttemptAt());
  }
}
