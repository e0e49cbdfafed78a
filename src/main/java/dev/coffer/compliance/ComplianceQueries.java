package dev.coffer.compliance;

import java.time.Instant;
import java.util.List;

/**
 * Read-only questions about compliance, for reports: the rules, the current result of every rule
 * for every resource, and how results changed over time. Results are returned across every account
 * and region the server hosts unless the filter narrows them.
 */
public interface ComplianceQueries {
  /** Every configured rule, by account, region and name. */
  List<ConfigRule> rules();

  /** The latest result of each (rule, resource) pair that passes {@code filter}. */
  List<EvaluationResult> currentEvaluations(EvaluationFilter filter);

  /**
   * Every result that changed a compliance type (and each first result) recorded in {@code [from,
   * to)} that passes {@code filter}, oldest first: the timeline of compliance, from which the state
   * at any instant can be rebuilt.
   */
  List<EvaluationResult> history(EvaluationFilter filter, Instant from, Instant to);
}
