package dev.coffer.server;

import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.compliance.KeyDirectory;
import dev.coffer.compliance.remediation.Automation;
import dev.coffer.compliance.remediation.Remediations;
import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.CofferException;
import dev.coffer.kms.KeyView;
import dev.coffer.kms.Kms;
import dev.coffer.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wires compliance: its ports over the store and KMS, the secret observer that records a
 * configuration item in the transaction of every secret change, and the background thread that runs
 * periodic rules and the recorder sweep.
 */
final class ComplianceWiring implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ComplianceWiring.class.getName());

  /** How often this node looks for due periodic rules. */
  static final Duration TICK = Duration.ofMinutes(1);

  /** How often every secret is re-captured. */
  static final Duration SWEEP = Duration.ofHours(1);

  /** How often this node looks for due remediations (queued, retries, expired leases). */
  static final Duration REMEDIATION_TICK = Duration.ofSeconds(10);

  private final ComplianceEngine engine;
  private final Remediations remediations;
  private final ScheduledExecutorService executor;

  private ComplianceWiring(
      ComplianceEngine engine, Remediations remediations, ScheduledExecutorService executor) {
    this.engine = engine;
    this.remediations = remediations;
    this.executor = executor;
  }

  static ComplianceWiring start(Store store, Kms kms, Clock clock, Automation automation) {
    ComplianceBackend backend = new ComplianceBackend(store, clock);
    ComplianceEngine engine =
        new ComplianceEngine(backend, backend, keyDirectory(kms, clock), clock, SWEEP);
    Remediations remediations =
        new Remediations(new RemediationBackend(store), backend, automation, clock);
    // Automatic remediations are queued in the transaction that records the NON_COMPLIANT result.
    engine.addListener(remediations);
    store.observeSecrets((tx, secret, removed) -> {
      if (removed) {
        engine.secretRemoved(ComplianceBackend.removedState(secret));
      } else {
        tx.compliance()
            .secret(secret.arn())
            .ifPresent(row -> engine.secretChanged(ComplianceBackend.state(row, clock.instant())));
      }
    });
    ScheduledExecutorService ex =
        Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "coffer-compliance");
          t.setDaemon(true);
          return t;
        });
    ex.scheduleWithFixedDelay(
        () -> {
          try {
            engine.runDue();
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "compliance evaluation failed; will retry", e);
          }
        },
        TICK.toMillis(),
        TICK.toMillis(),
        TimeUnit.MILLISECONDS);
    ex.scheduleWithFixedDelay(
        () -> {
          try {
            remediations.runDue(REMEDIATION_TICK);
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "remediation failed; will retry", e);
          }
        },
        REMEDIATION_TICK.toMillis(),
        REMEDIATION_TICK.toMillis(),
        TimeUnit.MILLISECONDS);
    return new ComplianceWiring(engine, remediations, ex);
  }

  ComplianceEngine engine() {
    return engine;
  }

  Remediations remediations() {
    return remediations;
  }

  /**
   * Resolves a secret's key through the KMS service as the named principal coffer-service/config of
   * the secret's account.
   */
  private static KeyDirectory keyDirectory(Kms kms, Clock clock) {
    return (accountId, region, keyId) -> {
      RequestContext ctx =
          new RequestContext(
              UUID.randomUUID().toString(),
              clock.instant(),
              Caller.service(accountId, "config"),
              region,
              "127.0.0.1",
              "coffer-compliance",
              true,
              Optional.empty());
      try {
        KeyView k = kms.keys().describe(ctx, keyId);
        return Optional.of(
            new KeyDirectory.KeyFacts(k.arn(), k.accountId(), k.keyManager().equals("AWS")));
      } catch (CofferException e) {
        return Optional.empty();
      }
    };
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
