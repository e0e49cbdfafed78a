package dev.coffer.audit;

import dev.coffer.crypto.SigningKeyVault;
import dev.coffer.store.AuditSigningKeyRow;
import dev.coffer.store.Store;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Ed25519 key that signs digests. It is made once, on first start, and kept in the database
 * with its private half encrypted (AES-256-GCM) under the data directory's root key, the key
 * fingerprint bound as associated data (crypto.SigningKeyVault); every node sharing the database
 * and the root key signs with the same key.
 */
final class SigningKey {
  private static final String PURPOSE = "coffer-audit-signing-key";
  private final SigningKeyVault.Signer signer;

  private SigningKey(SigningKeyVault.Signer signer) {
    this.signer = signer;
  }

  static SigningKey loadOrCreate(Store store, SigningKeyVault vault, Instant now) {
    List<AuditSigningKeyRow> keys = store.read(tx -> tx.audit().signingKeys());
    if (keys.isEmpty()) {
      SigningKeyVault.NewKey fresh = vault.create(PURPOSE);
      AuditSigningKeyRow row =
          new AuditSigningKeyRow(
              fresh.fingerprint(),
              Base64.getEncoder().encodeToString(fresh.publicKey()),
              fresh.sealedPrivateKey(),
              now);
      store.execute(tx -> tx.audit().insertSigningKey(row));
      keys = store.read(tx -> tx.audit().signingKeys());
    }
    // The oldest key signs, so that nodes that raced to create one agree on it.
    AuditSigningKeyRow row = keys.get(0);
    return new SigningKey(vault.open(PURPOSE, row.fingerprint(), row.sealedPrivateKey()));
  }

  /**
   * Re-seals every signing key that an older root generation seals under the active one; returns
   * how many keys are still under an older one.
   */
  static int reseal(Store store, SigningKeyVault vault) {
    int left = 0;
    for (AuditSigningKeyRow k : store.read(tx -> tx.audit().signingKeys())) {
      java.util.Optional<byte[]> resealed =
          vault.reseal(PURPOSE, k.fingerprint(), k.sealedPrivateKey());
      if (resealed.isPresent()
          && !store.write(tx ->
              tx.audit().resealSigningKey(k.fingerprint(), k.sealedPrivateKey(), resealed.get()))) {
        left++;
      }
    }
    return left;
  }

  /** How many signing keys an older root generation still seals. */
  static int countNotCurrent(Store store, SigningKeyVault vault) {
    return (int)
        store.read(tx -> tx.audit().signingKeys()).stream()
            .filter(k -> !vault.isCurrent(k.sealedPrivateKey()))
            .count();
  }

  /** Every published public key (X.509 DER) by fingerprint, oldest first. */
  static Map<String, byte[]> publicKeys(Store store) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (AuditSigningKeyRow k : store.read(tx -> tx.audit().signingKeys())) {
      out.put(k.fingerprint(), Base64.getDecoder().decode(k.publicKey()));
    }
    return out;
  }

  String fingerprint() {
    return signer.fingerprint();
  }

  String sign(byte[] message) {
    return Base64.getEncoder().encodeToString(signer.sign(message));
  }
}
