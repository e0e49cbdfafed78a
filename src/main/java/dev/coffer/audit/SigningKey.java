package dev.coffer.audit;

import dev.coffer.crypto.AesGcm;
import dev.coffer.crypto.Canonical;
import dev.coffer.crypto.DecryptionException;
import dev.coffer.crypto.Ed25519;
import dev.coffer.crypto.SecretBytes;
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
 * fingerprint bound as associated data; every node sharing the database and the root key signs with
 * the same key. Until the key service manages a sealed root key, the key file is the root.
 */
final class SigningKey {
  private final String fingerprint;
  private final SecretBytes privateKey;

  private SigningKey(String fingerprint, SecretBytes privateKey) {
    this.fingerprint = fingerprint;
    this.privateKey = privateKey;
  }

  static SigningKey loadOrCreate(Store store, SecretBytes rootKey, Instant now) {
    List<AuditSigningKeyRow> keys = store.read(tx -> tx.audit().signingKeys());
    if (keys.isEmpty()) {
      Ed25519.Keys fresh = Ed25519.generate();
      String fp = Ed25519.fingerprint(fresh.publicKey());
      byte[] pkcs8 = fresh.privateKey().toByteArray();
      try {
        byte[] sealed = AesGcm.encrypt(rootKey, pkcs8, context(fp));
        AuditSigningKeyRow row =
            new AuditSigningKeyRow(
                fp, Base64.getEncoder().encodeToString(fresh.publicKey()), sealed, now);
        store.execute(tx -> tx.audit().insertSigningKey(row));
      } finally {
        java.util.Arrays.fill(pkcs8, (byte) 0);
      }
      keys = store.read(tx -> tx.audit().signingKeys());
    }
    // The oldest key signs, so that nodes that raced to create one agree on it.
    AuditSigningKeyRow row = keys.get(0);
    byte[] pkcs8;
    try {
      pkcs8 = AesGcm.decrypt(rootKey, row.sealedPrivateKey(), context(row.fingerprint()));
    } catch (DecryptionException e) {
      throw new IllegalStateException(
          "the audit signing key cannot be opened with this data directory's key", e);
    }
    try {
      return new SigningKey(row.fingerprint(), SecretBytes.copyOf(pkcs8));
    } finally {
      java.util.Arrays.fill(pkcs8, (byte) 0);
    }
  }

  /** Every published public key (X.509 DER) by fingerprint, oldest first. */
  static Map<String, byte[]> publicKeys(Store store) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (AuditSigningKeyRow k : store.read(tx -> tx.audit().signingKeys())) {
      out.put(k.fingerprint(), Base64.getDecoder().decode(k.publicKey()));
    }
    return out;
  }

  private static byte[] context(String fingerprint) {
    return Canonical.encode(
        Map.of("purpose", "coffer-audit-signing-key", "fingerprint", fingerprint));
  }

  String fingerprint() {
    return fingerprint;
  }

  String sign(byte[] message) {
    return Base64.getEncoder().encodeToString(Ed25519.sign(privateKey, message));
  }
}
