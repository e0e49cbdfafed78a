package dev.coffer.compliance;

/** When a managed rule runs: on each configuration change, or on a schedule. */
public enum RuleTrigger {
  CONFIGURATION_CHANGES,
  PERIODIC
}
