package dev.coffer.kms;

import dev.coffer.core.RequestContext;
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
   * Encrypts on behalf of {@code ctx}'s caller: a protector backed by the key service checks that
   * the key policy lets the caller generate a data key through Secrets Manager. The default ignores
   * the caller (protectors without key policies).
   *
   * @throws dev.coffer.core.error.AccessDeniedException when the key policy does not allow it
   */
  default Protected protect(
      RequestContext ctx,
      String accountId,
      String region,
      String keyRef,
      Map<String, String> context,
      byte[] plaintext) {
    return protect(accountId, region, keyRef, context, plaintext);
  }

  /**
   * Decrypts on behalf of {@code ctx}'s caller, checking kms:Decrypt as {@link
   * #protect(RequestContext, String, String, String, Map, byte[])} checks data-key generation.
   *
   * @throws dev.coffer.core.error.AccessDeniedException when the key policy does not allow it
   */
  default byte[] unprotect(RequestContext ctx, Protected value, Map<String, String> context) {
    return unprotect(value, context);
  }

  /**
   * A protected value: the ARN of the key that protects it and the opaque blob to store.
   *
   * @param keyArn the KMS key ARN (or the local key's pseudo-ARN before the key service exists)
   * @param blob the ciphertext with everything needed to decrypt it except the key
   */
  record Protected(String keyArn, byte[] blob) {}
}
