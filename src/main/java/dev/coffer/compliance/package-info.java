/**
 * Continuous compliance evaluation of secrets, modelled on AWS Config: a configuration item for
 * every change of a secret, the five managed rules for Secrets Manager, their evaluation results
 * and history, Security Hub control findings and Access Analyzer findings.
 *
 * <p>Seam for notifications and reports: {@link dev.coffer.compliance.ComplianceListener} is called
 * with a {@link dev.coffer.compliance.ComplianceChange} whenever a result changes, and {@link
 * dev.coffer.compliance.ComplianceQueries} answers read-only questions about rules, current results
 * and their history.
 */
package dev.coffer.compliance;
