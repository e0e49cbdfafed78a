package dev.coffer.core.iam;

import java.util.Objects;

/**
 * A credential secret as stored: sealed under the envelope by the KMS key {@code keyArn}.
 *
 * @param blob the opaque envelope ciphertext
 */
// The blob is stored and handed back as is; no one mutates it.
@SuppressWarnings("ArrayRecordComponent")
public record SealedSecret(String keyArn, byte[] blob) {
  public SealedSecret {
    Objects.requireNonNull(keyArn, "keyArn");
    Objects.requireNonNull(blob, "blob");
  }
}
