package dev.coffer.compliance.remediation;

import java.util.Objects;

/** A resource a remediation acts on (AWS Config {@code ResourceKey}). */
public record ResourceKey(String resourceType, String resourceId) {
  public ResourceKey {
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(resourceId, "resourceId");
  }
}
