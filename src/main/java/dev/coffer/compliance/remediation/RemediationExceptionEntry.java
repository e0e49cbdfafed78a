package dev.coffer.compliance.remediation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A resource a rule must not remediate automatically (AWS Config {@code RemediationException}).
 *
 * @param ruleName the rule
 * @param key the resource
 * @param message why, as given
 * @param expirationTime when the exception ends; never when empty
 */
public record RemediationExceptionEntry(
    String ruleName, ResourceKey key, Optional<String> message, Optional<Instant> expirationTime) {
  public RemediationExceptionEntry {
    Objects.requireNonNull(ruleName, "ruleName");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(expirationTime, "expirationTime");
  }

  boolean activeAt(Instant now) {
    return expirationTime.map(now::isBefore).orElse(true);
  }
}
