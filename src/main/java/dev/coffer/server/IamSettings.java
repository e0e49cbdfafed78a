package dev.coffer.server;

import dev.coffer.auth.iam.AccessKeyUsage;
import java.time.Duration;
import java.util.Objects;

/**
 * Identity settings.
 *
 * @param acceptAnyCredentials INSECURE emulator mode: any access key is accepted, without checking
 *     its signature, as the root user of the default account. For local test suites only.
 * @param keyUsageFlushInterval how often access keys' last uses are written to the database (one
 *     minute; not in the configuration file: tests lengthen it to observe the coalescing)
 */
public record IamSettings(boolean acceptAnyCredentials, Duration keyUsageFlushInterval) {
  public IamSettings {
    Objects.requireNonNull(keyUsageFlushInterval, "keyUsageFlushInterval");
    if (keyUsageFlushInterval.isNegative() || keyUsageFlushInterval.isZero()) {
      throw new IllegalArgumentException("keyUsageFlushInterval must be positive");
    }
  }

  public IamSettings(boolean acceptAnyCredentials) {
    this(acceptAnyCredentials, AccessKeyUsage.FLUSH_INTERVAL);
  }

  /** Signatures are always checked. */
  public static IamSettings defaults() {
    return new IamSettings(false);
  }

  public IamSettings withKeyUsageFlushInterval(Duration interval) {
    return new IamSettings(acceptAnyCredentials, interval);
  }
}
