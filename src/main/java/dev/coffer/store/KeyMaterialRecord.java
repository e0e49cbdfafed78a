package dev.coffer.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a KMS key's material, wrapped by the root key. Version 1 is the material the key
 * was created with; each rotation adds the next version, and old versions stay for decryption.
 *
 * @param materialId the 64-hex-digit KeyMaterialId AWS reports
 * @param rotationType {@code AUTOMATIC} or {@code ON_DEMAND}; empty for the first material
 * @param wrapped the material encrypted under the root key
 * @param rootGeneration the root key generation that wraps it
 */
public record KeyMaterialRecord(
    String keyId,
    int version,
    String materialId,
    Instant createdAt,
    Optional<String> rotationType,
    byte[] wrapped,
    int rootGeneration) {
  public KeyMaterialRecord {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(materialId, "materialId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(rotationType, "rotationType");
    Objects.requireNonNull(wrapped, "wrapped");
  }
}
