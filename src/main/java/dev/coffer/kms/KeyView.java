package dev.coffer.kms;

import dev.coffer.store.KmsKeyRecord;
import java.time.Instant;
import java.util.Optional;

/**
 * A key's metadata as the protocol layer renders it (KMS KeyMetadata). Coffer's keys are all
 * symmetric AES-256-GCM keys (SYMMETRIC_DEFAULT) for ENCRYPT_DECRYPT with material it generated.
 */
public record KeyView(
    String keyId,
    String arn,
    String accountId,
    Instant creationDate,
    String description,
    KeyState keyState,
    Optional<Instant> deletionDate,
    Optional<Integer> pendingWindowDays,
    String keyManager,
    String currentKeyMaterialId) {

  static KeyView of(KmsKeyRecord k, String currentKeyMaterialId) {
    return new KeyView(
        k.keyId(),
        k.arn(),
        k.accountId(),
        k.createdAt(),
        k.description(),
        Keys.state(k),
        k.deletionAt(),
        k.pendingWindowDays(),
        k.keyManager(),
        currentKeyMaterialId);
  }

  public boolean enabled() {
    return keyState == KeyState.Enabled;
  }
}
