package dev.coffer.kms;

import java.util.Map;

/**
 * Encrypts and decrypts secret values and other sensitive columns, binding an encryption context
 * (for secrets {@code {"SecretARN": ..., "SecretVersionId": ...}}) as authenticated data so that a
 * ciphertext moved to another row no longer decrypts.
 */
public interface ValueProtector {

  /**
   * Encrypts {@code plaintext} under the key {@code keyRef} names (empty: the account's default
   * key).
   *
   * @throws dev.coffer.core.error.EncryptionFailure when the key cannot be used
   */
  Protected protect(
      String accountId,
      String region,
      String keyRef,
      Map<String, String> context,
      byte[] plaintext);

  /**
   * Decrypts what {@link #protect} returned, given the same context.
   *
   * @throws dev.coffer.core.error.DecryptionFailure when the key cannot be used or anything was
   *     changed
   */
  byte[] unprotect(Protected value, Map<String, String> context);

  /**
   * A protected value: the ARN of the key that protects it and the opaque blob to store.
   *
   * @param keyArn the KMS key ARN (or the local key's pseudo-ARN before the key service exists)
   * @param blob the ciphertext with everything needed to decrypt it except the key
   */
  record Protected(String keyArn, byte[] blob) {}
}
