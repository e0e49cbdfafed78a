package dev.coffer.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An audit signing key: its public half in the clear and its private half sealed by the key layer.
 *
 * @param fingerprint hex fingerprint of the public key
 * @param publicKey base64 X.509 SubjectPublicKeyInfo
 * @param sealedPrivateKey the private key, encrypted; only the audit layer's key holder opens it
 */
@SuppressWarnings("ArrayRecordComponent") // stored ciphertext, copied on the way in and out
public record AuditSigningKeyRow(
    String fingerprint, String publicKey, byte[] sealedPrivateKey, Instant createdAt) {

  public AuditSigningKeyRow {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(publicKey, "publicKey");
    sealedPrivateKey = sealedPrivateKey.clone();
    Objects.requireNonNull(createdAt, "createdAt");
  }

  @Override
  public byte[] sealedPrivateKey() {
    return sealedPrivateKey.clone();
  }
}
