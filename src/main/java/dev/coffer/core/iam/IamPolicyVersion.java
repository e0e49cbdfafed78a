package dev.coffer.core.iam;

import java.time.Instant;
import java.util.Objects;

/** One version of a managed policy: its id ({@code v1}...) and document (JSON). */
public record IamPolicyVersion(
    String versionId, String document, boolean isDefault, Instant createdAt) {
  public IamPolicyVersion {
    Objects.requireNonNull(versionId, "versionId");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
