package dev.coffer.audit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the audit trail runs.
 *
 * @param sealInterval how often a signed digest seals the events written since the last one
 * @param retention how long events stay in the database; older sealed runs are moved to the archive
 *     directory with their digests (never dropped); empty keeps everything
 * @param sink where committed events are also written as JSON lines: {@code stdout}, a file path,
 *     or empty for nowhere
 * @param commitTimeout how long a request waits for its event to become durable before it is
 *     refused with ServiceUnavailableException
 * @param enabled false only to measure what auditing costs (benchmarks); never settable from the
 *     configuration file
 */
public record AuditSettings(
    Duration sealInterval,
    Optional<Duration> retention,
    Optional<String> sink,
    Duration commitTimeout,
    boolean enabled) {

  public AuditSettings {
    Objects.requireNonNull(sealInterval, "sealInterval");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(commitTimeout, "commitTimeout");
    if (sealInterval.isNegative() || sealInterval.isZero()) {
      throw new IllegalArgumentException("audit sealInterval must be positive");
    }
    if (retention.filter(r -> r.compareTo(Duration.ofHours(1)) < 0).isPresent()) {
      throw new IllegalArgumentException("audit retention must be at least one hour");
    }
  }

  public static AuditSettings defaults() {
    return new AuditSettings(
        Duration.ofMinutes(1), Optional.empty(), Optional.empty(), Duration.ofSeconds(10), true);
  }

  public AuditSettings withSealInterval(Duration d) {
    return new AuditSettings(d, retention, sink, commitTimeout, enabled);
  }

  public AuditSettings withRetention(Optional<Duration> r) {
    return new AuditSettings(sealInterval, r, sink, commitTimeout, enabled);
  }

  public AuditSettings withSink(Optional<String> s) {
    return new AuditSettings(sealInterval, retention, s, commitTimeout, enabled);
  }

  public AuditSettings withEnabled(boolean e) {
    return new AuditSettings(sealInterval, retention, sink, commitTimeout, e);
  }
}
