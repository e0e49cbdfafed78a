package dev.coffer.compliance.remediation;

import dev.coffer.compliance.ComplianceChange;
import dev.coffer.compliance.ComplianceListener;
import dev.coffer.compliance.ComplianceStore;
import dev.coffer.compliance.ComplianceType;
import dev.coffer.compliance.ConfigRule;
import dev.coffer.compliance.EvaluationResult;
import dev.coffer.core.error.CofferException;
import dev.coffer.core.error.InvalidParameterValueException;
import dev.coffer.core.error.NoSuchRemediationConfigurationException;
import dev.coffer.core.error.RemediationInProgressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Remediation of Config rules (AWS Config API Reference: PutRemediationConfigurations,
 * StartRemediationExecution, DescribeRemediationExecutionStatus, the remediation exceptions): keeps
 * configurations, queues executions durably, and runs the runbooks as their AutomationAssumeRole.
 *
 * <p>The queue is the executions table itself: an execution whose next attempt has come is claimed
 * with a compare-and-set that moves its next attempt to the end of a lease, so one node runs it; if
 * that node dies, the lease runs out and another runs it again. Nothing is lost on a restart: an
 * automatic remediation is queued in the transaction that records the NON_COMPLIANT result.
 */
public final class Remediations implements ComplianceListener {
  private static final Logger LOG = Logger.getLogger(Remediations.class.getName());

  /** How long a claimed attempt may run before another node may take it over. */
  static final Duration LEASE = Duration.ofMinutes(10);

  private static final int BATCH = 100;
  public static final String SSM_DOCUMENT = "SSM_DOCUMENT";

  private final RemediationStore store;
  private final ComplianceStore compliance;
  private final Automation automation;
  private final Clock clock;

  public Remediations(
      RemediationStore store, ComplianceStore compliance, Automation automation, Clock clock) {
    this.store = store;
    this.compliance = compliance;
    this.automation = automation;
    this.clock = clock;
  }

  // ---- configurations ----

  /** The outcome of PutRemediationConfigurations: what was stored, and what failed and why. */
  public record PutResult(
      List<RemediationConfiguration> saved, List<RemediationConfiguration> failed, String reason) {}

  /**
   * Validates and stores configurations; one whose rule does not exist is returned as failed, as
   * AWS returns it in FailedBatches.
   *
   * @throws InvalidParameterValueException when a configuration is not valid
   */
  public PutResult put(String accountId, String region, List<RemediationConfiguration> drafts) {
    for (RemediationConfiguration c : drafts) {
      validate(c);
    }
    return store.write(() -> {
      List<RemediationConfiguration> saved = new ArrayList<>();
      List<RemediationConfiguration> failed = new ArrayList<>();
      for (RemediationConfiguration c : drafts) {
        if (compliance.rule(accountId, region, c.configRuleName()).isEmpty()) {
          failed.add(c);
          continue;
        }
        String arn =
            store
                .configuration(accountId, region, c.configRuleName())
                .map(RemediationConfiguration::arn)
                .orElseGet(() ->
                    "arn:aws:config:"
                        + region
                        + ":"
                        + accountId
                        + ":remediation-configuration/"
                        + c.configRuleName()
                        + "/"
                        + UUID.randomUUID());
        RemediationConfiguration stored = c.withArn(arn);
        store.saveConfiguration(stored);
        saved.add(stored);
      }
      return new PutResult(
          saved,
          failed,
          failed.isEmpty() ? "" : "The Config rule of the configuration does not exist.");
    });
  }

  private static void validate(RemediationConfiguration c) {
    if (!c.targetType().equals(SSM_DOCUMENT)) {
      throw new InvalidParameterValueException("TargetType must be SSM_DOCUMENT.");
    }
    Runbook runbook =
        Runbook.byName(c.targetId())
            .orElseThrow(() ->
                new InvalidParameterValueException(
                    "The document "
                        + c.targetId()
                        + " is not available; Coffer runs "
                        + String.join(" and ", Runbook.names())
                        + "."));
    runbook.validate(c.parameters());
    c.resourceType()
        .filter(t -> !t.equals(EvaluationResult.SECRET_TYPE))
        .ifPresent(t -> {
          throw new InvalidParameterValueException(
              "The runbook "
                  + c.targetId()
                  + " remediates "
                  + EvaluationResult.SECRET_TYPE
                  + ", not "
                  + t
                  + ".");
        });
  }

  /** DescribeRemediationConfigurations: those of the named rules that have one. */
  public List<RemediationConfiguration> describe(
      String accountId, String region, List<String> ruleNames) {
    return store.read(() ->
        store.configurations(accountId, region).stream()
            .filter(c -> ruleNames.isEmpty() || ruleNames.contains(c.configRuleName()))
            .toList());
  }

  /**
   * DeleteRemediationConfiguration.
   *
   * @throws NoSuchRemediationConfigurationException when the rule has none (of that type)
   * @throws RemediationInProgressException when one of its executions is running
   */
  public void delete(String accountId, String region, String rule, Optional<String> resourceType) {
    store.write(() -> {
      RemediationConfiguration c = configuration(accountId, region, rule);
      if (resourceType.isPresent()
          && !resourceType.equals(c.resourceType())
          && !resourceType.get().equals(EvaluationResult.SECRET_TYPE)) {
        throw noConfiguration(rule);
      }
      Instant now = clock.instant();
      for (RemediationExecution x : store.executions(accountId, region, rule)) {
        if (running(x, now)) {
          throw new RemediationInProgressException(
              "A remediation of " + x.key().resourceId() + " is in progress; try again later.");
        }
      }
      return store.deleteConfiguration(accountId, region, rule);
    });
  }

  private RemediationConfiguration configuration(String accountId, String region, String rule) {
    return store.configuration(accountId, region, rule).orElseThrow(() -> noConfiguration(rule));
  }

  private static NoSuchRemediationConfigurationException noConfiguration(String rule) {
    return new NoSuchRemediationConfigurationException(
        "No RemediationConfiguration for rule " + rule + " exists.");
  }

  private static boolean running(RemediationExecution x, Instant now) {
    return x.state().equals(RemediationExecution.IN_PROGRESS)
        && x.nextAttemptAt().filter(now::isBefore).isPresent();
  }

  // ---- exceptions ----

  /** PutRemediationExceptions: stores (or replaces) an exception for each resource. */
  public void putExceptions(
      String accountId,
      String region,
      String rule,
      List<ResourceKey> keys,
      Optional<String> message,
      Optional<Instant> expiration) {
    store.write(() -> {
      for (ResourceKey k : keys) {
        store.saveException(
            accountId, region, new RemediationExceptionEntry(rule, k, message, expiration));
      }
      return keys.size();
    });
  }

  /** DescribeRemediationExceptions: the rule's exceptions, or those of the given resources. */
  public List<RemediationExceptionEntry> exceptions(
      String accountId, String region, String rule, List<ResourceKey> keys) {
    return store.read(() ->
        store.exceptions(accountId, region, rule).stream()
            .filter(e -> keys.isEmpty() || keys.contains(e.key()))
            .toList());
  }

  /** DeleteRemediationExceptions: returns the keys that had no exception. */
  public List<ResourceKey> deleteExceptions(
      String accountId, String region, String rule, List<ResourceKey> keys) {
    return store.write(() -> {
      List<ResourceKey> missing = new ArrayList<>();
      for (ResourceKey k : keys) {
        if (!store.deleteException(accountId, region, rule, k)) {
          missing.add(k);
        }
      }
      return missing;
    });
  }

  // ---- executions ----

  /** The outcome of StartRemediationExecution: the resources it could not start, and why. */
  public record StartResult(List<ResourceKey> failed, String reason) {}

  /**
   * StartRemediationExecution: queues a run for each resource and, once the request has committed,
   * runs them before returning (AWS answers at once and runs them in the background; running them
   * first means the status is final when the call returns).
   *
   * @throws NoSuchRemediationConfigurationException when the rule has no configuration
   */
  public StartResult start(String accountId, String region, String rule, List<ResourceKey> keys) {
    Instant now = clock.instant();
    List<ResourceKey> failed = new ArrayList<>();
    List<ResourceKey> queued = new ArrayList<>();
    String reason =
        store.write(() -> {
          RemediationConfiguration c = configuration(accountId, region, rule);
          Runbook runbook = Runbook.byName(c.targetId()).orElseThrow();
          String why = "";
          for (ResourceKey k : keys) {
            if (!k.resourceType().equals(c.resourceType().orElse(EvaluationResult.SECRET_TYPE))) {
              failed.add(k);
              why =
                  "The resource type " + k.resourceType() + " is not the one the rule remediates.";
              continue;
            }
            Optional<RemediationExecution> prior = store.execution(accountId, region, rule, k);
            if (prior.filter(x -> running(x, now)).isPresent()) {
              failed.add(k);
              why = "A remediation of " + k.resourceId() + " is already in progress.";
              continue;
            }
            store.saveExecution(accountId, region, queue(rule, k, runbook, false, now));
            queued.add(k);
          }
          return why;
        });
    store.afterCommit(() -> queued.forEach(k -> runQueued(accountId, region, rule, k)));
    return new StartResult(failed, reason);
  }

  private static RemediationExecution queue(
      String rule, ResourceKey k, Runbook runbook, boolean automatic, Instant now) {
    return new RemediationExecution(
        rule,
        k,
        RemediationExecution.QUEUED,
        runbook.steps().stream().map(ExecutionStep::pending).toList(),
        now,
        now,
        automatic,
        0,
        Optional.of(now));
  }

  /** DescribeRemediationExecutionStatus: the rule's executions, or those of the given resources. */
  public List<RemediationExecution> status(
      String accountId, String region, String rule, List<ResourceKey> keys) {
    return store.read(() -> {
      configuration(accountId, region, rule);
      return store.executions(accountId, region, rule).stream()
          .filter(x -> keys.isEmpty() || keys.contains(x.key()))
          .toList();
    });
  }

  /**
   * Queues an automatic remediation when a resource turns NON_COMPLIANT with a rule whose
   * configuration is automatic, unless an exception covers it or one is already queued, running or
   * waiting to retry. Runs inside the evaluation's transaction, so the queued run commits with the
   * result that caused it.
   */
  @Override
  public void changed(ComplianceChange change) {
    changedAll(List.of(change));
  }

  /**
   * As {@link #changed} for each change of a round, reading each rule's configuration once: a first
   * evaluation over 100,000 secrets turns most of them NON_COMPLIANT, and one configuration read
   * each cost more than storing the results.
   */
  @Override
  public void changedAll(List<ComplianceChange> changes) {
    if (changes.stream().noneMatch(c -> c.newComplianceType() == ComplianceType.NON_COMPLIANT)) {
      return;
    }
    store.write(() -> {
      Map<List<String>, Optional<RemediationConfiguration>> configurations = new HashMap<>();
      for (ComplianceChange change : changes) {
        if (change.newComplianceType() != ComplianceType.NON_COMPLIANT) {
          continue;
        }
        Optional<RemediationConfiguration> c =
            configurations.computeIfAbsent(
                List.of(change.accountId(), change.region(), change.configRuleName()),
                k -> store.configuration(k.get(0), k.get(1), k.get(2)));
        if (c.isPresent() && c.get().automatic()) {
          queueAutomatic(change, c.get());
        }
      }
      return true;
    });
  }

  private void queueAutomatic(ComplianceChange change, RemediationConfiguration c) {
    ResourceKey k = new ResourceKey(change.resourceType(), change.resourceId());
    Instant now = clock.instant();
    if (excepted(change.accountId(), change.region(), change.configRuleName(), k, now)) {
      return;
    }
    Optional<RemediationExecution> prior =
        store.execution(change.accountId(), change.region(), change.configRuleName(), k);
    if (prior.flatMap(RemediationExecution::nextAttemptAt).isPresent()) {
      return;
    }
    Runbook runbook = Runbook.byName(c.targetId()).orElseThrow();
    store.saveExecution(
        change.accountId(), change.region(), queue(change.configRuleName(), k, runbook, true, now));
  }

  private boolean excepted(
      String accountId, String region, String rule, ResourceKey k, Instant now) {
    return store.exceptions(accountId, region, rule).stream()
        .anyMatch(e -> e.key().equals(k) && e.activeAt(now));
  }

  /**
   * Runs every execution whose next attempt has come: queued ones, automatic retries that are due,
   * and attempts whose node died (lease ran out).
   *
   * @return how many attempts this node ran
   */
  public int runDue() {
    return runDue(Duration.ZERO);
  }

  /**
   * As {@link #runDue()}, for executions that have been due for at least {@code settle}. The
   * background thread passes its own period, so that work a test or an operator drives with {@link
   * #runDue()} on an injected clock is not taken by the thread in between.
   */
  public int runDue(Duration settle) {
    int ran = 0;
    while (true) {
      List<RemediationStore.Located> due =
          store.read(() -> store.due(clock.instant().minus(settle), BATCH));
      int before = ran;
      for (RemediationStore.Located d : due) {
        if (attempt(d.accountId(), d.region(), d.execution())) {
          ran++;
        }
      }
      if (due.size() < BATCH || ran == before) {
        return ran;
      }
    }
  }

  private void runQueued(String accountId, String region, String rule, ResourceKey k) {
    store
        .read(() -> store.execution(accountId, region, rule, k))
        .ifPresent(x -> attempt(accountId, region, x));
  }

  /** Claims one due attempt and runs it; false when it was not due or another node took it. */
  private boolean attempt(String accountId, String region, RemediationExecution x) {
    Instant now = clock.instant();
    if (x.nextAttemptAt().filter(t -> !t.isAfter(now)).isEmpty()) {
      return false;
    }
    Optional<RemediationConfiguration> config =
        store.read(() -> store.configuration(accountId, region, x.ruleName()));
    if (config.isEmpty()
        || x.automatic() && !stillWanted(accountId, region, config.get(), x, now)) {
      store.write(() -> {
        store.saveExecution(accountId, region, withNext(x, Optional.empty()));
        return true;
      });
      return false;
    }
    Runbook runbook = Runbook.byName(config.get().targetId()).orElseThrow();
    RemediationExecution claimed =
        new RemediationExecution(
            x.ruleName(),
            x.key(),
            RemediationExecution.IN_PROGRESS,
            runbook.steps().stream().map(ExecutionStep::pending).toList(),
            x.attempts() == 0 ? x.invocationTime() : now,
            now,
            x.automatic(),
            x.attempts() + 1,
            Optional.of(now.plus(LEASE)));
    if (!store.write(() -> store.claim(accountId, region, x, claimed))) {
      return false;
    }
    RemediationExecution done = run(accountId, region, config.get(), runbook, claimed);
    store.write(() -> {
      store.saveExecution(accountId, region, done);
      if (done.automatic()
          && done.state().equals(RemediationExecution.FAILED)
          && done.nextAttemptAt().isEmpty()) {
        // AWS Config adds a remediation exception once the automatic attempts are used up.
        store.saveException(
            accountId,
            region,
            new RemediationExceptionEntry(
                x.ruleName(),
                x.key(),
                Optional.of(
                    "Automatic remediation failed "
                        + done.attempts()
                        + " times: "
                        + done.failure().orElse("")),
                Optional.empty()));
      }
      return true;
    });
    return true;
  }

  /** An automatic retry runs only while the resource is NON_COMPLIANT and not excepted. */
  private boolean stillWanted(
      String accountId,
      String region,
      RemediationConfiguration c,
      RemediationExecution x,
      Instant now) {
    return compliance.read(() -> {
      if (excepted(accountId, region, x.ruleName(), x.key(), now)) {
        return false;
      }
      if (x.attempts() == 0) {
        return true;
      }
      Optional<ConfigRule> rule = compliance.rule(accountId, region, c.configRuleName());
      if (rule.isEmpty()) {
        return false;
      }
      Map<String, EvaluationResult> current =
          compliance.currentResults(rule.get().arn(), List.of(x.key().resourceId()));
      EvaluationResult r = current.get(x.key().resourceId());
      return r != null && r.complianceType() == ComplianceType.NON_COMPLIANT;
    });
  }

  private static RemediationExecution withNext(RemediationExecution x, Optional<Instant> next) {
    return new RemediationExecution(
        x.ruleName(),
        x.key(),
        x.state(),
        x.steps(),
        x.invocationTime(),
        x.lastUpdatedTime(),
        x.automatic(),
        x.attempts(),
        next);
  }

  /** Runs the runbook's steps as the assumed role; a failed step ends the run. */
  private RemediationExecution run(
      String accountId,
      String region,
      RemediationConfiguration c,
      Runbook runbook,
      RemediationExecution claimed) {
    Map<String, String> params = runbook.resolve(c.parameters(), claimed.key().resourceId());
    List<ExecutionStep> steps = new ArrayList<>(claimed.steps());
    Optional<Automation.Session> session;
    Optional<String> failure = Optional.empty();
    try {
      session =
          Optional.of(
              automation.assumeRole(
                  accountId,
                  region,
                  params.getOrDefault("AutomationAssumeRole", ""),
                  "Remediation-" + UUID.randomUUID().toString().substring(0, 8)));
    } catch (CofferException e) {
      session = Optional.empty();
      failure = Optional.of("The defined assume role is unable to be assumed: " + e.getMessage());
    }
    Instant t = clock.instant();
    if (failure.isPresent()) {
      steps.set(
          0,
          new ExecutionStep(
              steps.get(0).name(), ExecutionStep.FAILED, failure, Optional.of(t), Optional.of(t)));
    }
    for (int i = 0; i < steps.size() && session.isPresent() && failure.isEmpty(); i++) {
      Instant start = clock.instant();
      try {
        runbook.runStep(i, session.get(), params);
        steps.set(
            i,
            new ExecutionStep(
                steps.get(i).name(),
                ExecutionStep.SUCCEEDED,
                Optional.empty(),
                Optional.of(start),
                Optional.of(clock.instant())));
      } catch (CofferException e) {
        failure = Optional.of(e.errorCode() + ": " + e.getMessage());
      } catch (Runbook.StepFailed e) {
        failure = Optional.ofNullable(e.getMessage());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "remediation step " + steps.get(i).name() + " failed", e);
        failure = Optional.of("The step failed: " + e.getClass().getSimpleName());
      }
      if (failure.isPresent()) {
        steps.set(
            i,
            new ExecutionStep(
                steps.get(i).name(),
                ExecutionStep.FAILED,
                failure,
                Optional.of(start),
                Optional.of(clock.instant())));
      }
    }
    Instant end = clock.instant();
    boolean ok = failure.isEmpty();
    Optional<Instant> next =
        !ok && claimed.automatic() && claimed.attempts() < c.attemptsAllowed()
            ? Optional.of(end.plusSeconds(c.retrySeconds()))
            : Optional.empty();
    return new RemediationExecution(
        claimed.ruleName(),
        claimed.key(),
        ok ? RemediationExecution.SUCCEEDED : RemediationExecution.FAILED,
        steps,
        claimed.invocationTime(),
        end,
        claimed.automatic(),
        claimed.attempts(),
        next);
  }
}
