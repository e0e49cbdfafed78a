/**
 * Remediation of AWS Config rules for secrets: remediation configurations, exceptions, and
 * executions of the Systems Manager Automation runbooks AWSConfigRemediation-RotateSecret and
 * AWSConfigRemediation-DeleteSecret, on request or automatically when a resource turns
 * NON_COMPLIANT. A runbook acts as a session of its AutomationAssumeRole through the normal API
 * ({@link dev.coffer.compliance.remediation.Automation}), so it is authorized by that role's
 * policies and audited under its name.
 */
package dev.coffer.compliance.remediation;
