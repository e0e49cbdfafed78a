package dev.coffer.kms;

import dev.coffer.crypto.AesGcm;
import dev.coffer.crypto.Canonical;
import dev.coffer.crypto.DecryptionException;
import dev.coffer.crypto.SealProvider;
import dev.coffer.crypto.SecretBytes;
import java.nio.charset.StandardCharsets;

/**
 * Wraps KMS key material under the root key before it reaches storage, and unwraps it on use. The
 * key id and material version are bound as associated data, so a wrapped row copied to another key
 * or version does not unwrap. Storage only ever holds {@code format || AES-256-GCM output}.
 */
public final class KeyBarrier implements AutoCloseable {
  private static final byte FORMAT_V1 = 1;
  private static final byte[] PURPOSE =
      "coffer/kms/key-material/v1".getBytes(StandardCharsets.UTF_8);
  private final SecretBytes rootKey;

  private KeyBarrier(SecretBytes rootKey) {
    this.rootKey = rootKey;
  }

  /** Unseals the root key with {@code seal} and keeps it for the life of the server. */
  public static KeyBarrier unseal(SealProvider seal) {
    return new KeyBarrier(seal.unseal());
  }

  byte[] wrap(String keyId, int version, SecretBytes material) {
    byte[] raw = material.toByteArray();
    try {
      byte[] sealed = AesGcm.encrypt(rootKey, raw, aad(keyId, version));
      byte[] out = new byte[sealed.length + 1];
      out[0] = FORMAT_V1;
      System.arraycopy(sealed, 0, out, 1, sealed.length);
      return out;
    } finally {
      java.util.Arrays.fill(raw, (byte) 0);
    }
  }

  /**
   * Unwraps stored material.
   *
   * @throws DecryptionException when the row was changed or belongs to another key or version
   */
  SecretBytes unwrap(String keyId, int version, byte[] wrapped) {
    if (wrapped.length < 1 || wrapped[0] != FORMAT_V1) {
      throw new DecryptionException();
    }
    byte[] sealed = java.util.Arrays.copyOfRange(wrapped, 1, wrapped.length);
    byte[] raw = AesGcm.decrypt(rootKey, sealed, aad(keyId, version));
    try {
      return SecretBytes.copyOf(raw);
    } finally {
      java.util.Arrays.fill(raw, (byte) 0);
    }
  }

  private static byte[] aad(String keyId, int version) {
    return Canonical.encodeFields(
        PURPOSE,
        keyId.getBytes(StandardCharsets.UTF_8),
        Integer.toString(version).getBytes(StandardCharsets.UTF_8));
  }

  /** Wipes the root key from memory. */
  @Override
  public void close() {
    rootKey.destroy();
  }
}
