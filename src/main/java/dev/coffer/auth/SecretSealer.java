package dev.coffer.auth;

import dev.coffer.core.iam.SealedSecret;

/**
 * Seals credential secrets (the secret half of access keys, session credentials) under the envelope
 * before they are stored, and opens them again. The server implements it with the KMS envelope and
 * the account's default key, binding the access key id as encryption context, so a sealed secret
 * copied to another key's row no longer opens. The authentication layer itself never sees a key.
 */
public interface SecretSealer {

  /** Seals {@code secret}, which belongs to {@code accessKeyId} of {@code accountId}. */
  SealedSecret seal(String accountId, String accessKeyId, String secret);

  /**
   * Opens what {@link #seal} returned for the same account and key id.
   *
   * @throws dev.coffer.core.error.DecryptionFailure when it cannot be opened
   */
  String open(String accountId, String accessKeyId, SealedSecret sealed);
}
