package dev.coffer.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One root key generation, sealed by the seal of {@code sealType}; storage never sees it in clear.
 *
 * @param active whether new wraps use it (the newest active generation wins)
 */
@SuppressWarnings("ArrayRecordComponent") // stored ciphertext, copied on the way in and out
public record RootKeyRecord(
    int generation, byte[] sealed, String sealType, Instant createdAt, boolean active) {
  public RootKeyRecord {
    sealed = sealed.clone();
    Objects.requireNonNull(sealType, "sealType");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  @Override
  public byte[] sealed() {
    return sealed.clone();
  }
}
