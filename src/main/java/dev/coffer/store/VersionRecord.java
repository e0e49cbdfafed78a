package dev.coffer.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The metadata of one secret version (its value is read separately, see {@link StoredValue}).
 *
 * @param versionId the version id (the ClientRequestToken that created it)
 * @param createdAt when the version was created
 * @param lastAccessedDate the day it was last read, if ever (day resolution, as AWS reports it)
 * @param kmsKeyArn the key that protects its value, empty while it has none
 * @param valueType what it holds
 */
public record VersionRecord(
    String versionId,
    Instant createdAt,
    Optional<LocalDate> lastAccessedDate,
    Optional<String> kmsKeyArn,
    ValueType valueType) {

  public VersionRecord {
    Objects.requireNonNull(versionId, "versionId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastAccessedDate, "lastAccessedDate");
    Objects.requireNonNull(kmsKeyArn, "kmsKeyArn");
    Objects.requireNonNull(valueType, "valueType");
  }

  public VersionRecord withLastAccessedDate(LocalDate day) {
    return new VersionRecord(versionId, createdAt, Optional.of(day), kmsKeyArn, valueType);
  }
}
