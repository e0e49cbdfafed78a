package dev.coffer.compliance;

import java.util.List;

/**
 * Told of every change of a resource's compliance with a rule (the seam for notifications).
 *
 * <p>Contract: {@link #changed} runs on the thread that records the new result, <em>inside</em> the
 * write transaction that stores it. A listener that writes through the store (an outbox row) joins
 * that transaction, so its row commits together with the result or not at all, and survives a
 * restart. A listener must not block on network I/O: deliver from the outbox after commit. A
 * listener that throws rolls back the evaluation that produced the change.
 */
@FunctionalInterface
public interface ComplianceListener {
  void changed(ComplianceChange change);

  /**
   * Told of the changes of one evaluation round, in order, under the same contract as {@link
   * #changed}. A round over many secrets yields hundreds of thousands of changes; a listener that
   * reads the store for each one overrides this to read once per round.
   */
  default void changedAll(List<ComplianceChange> changes) {
    for (ComplianceChange c : changes) {
      changed(c);
    }
  }
}
