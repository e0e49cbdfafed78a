/**
 * Rotation schedules of Secrets Manager: parsing and validating {@code RotationRules} (API
 * reference, RotationRulesType) and computing rotation windows in UTC (user guide, "Rotation
 * schedules", rotate-secrets_schedule). Pure logic: the current time comes from the caller or from
 * an injected {@link java.time.Clock} ({@link dev.coffer.secrets.schedule.RotationCalendar}).
 */
package dev.coffer.secrets.schedule;
