package dev.coffer.store;

import java.util.Objects;
import java.util.Optional;

/**
 * One replica region of a primary secret and its state.
 *
 * @param region the replica's region
 * @param kmsKeyId the key the replica is encrypted with, empty for the region's default key
 * @param status InSync, InProgress or Failed
 * @param statusMessage why a replica failed, or other detail
 */
public record ReplicaRecord(
    String region, Optional<String> kmsKeyId, String status, Optional<String> statusMessage) {
  public ReplicaRecord {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(kmsKeyId, "kmsKeyId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(statusMessage, "statusMessage");
  }
}
