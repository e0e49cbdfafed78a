package dev.coffer.kms;

import dev.coffer.crypto.Canonical;
import dev.coffer.crypto.DecryptionException;
import dev.coffer.crypto.RootKeyring;
import dev.coffer.crypto.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Wraps KMS key material under the root key before it reaches storage, and unwraps it on use. The
 * key id and material version are bound as associated data, so a wrapped row copied to another key
 * or version does not unwrap. Storage only ever holds {@code format || AES-256-GCM output}, beside
 * the root key generation that wraps it.
 */
final class KeyBarrier {
  private static final byte FORMAT_V1 = 1;
  private static final byte[] PURPOSE =
      "coffer/kms/key-material/v1".getBytes(StandardCharsets.UTF_8);
  private final RootKeyring root;

  KeyBarrier(RootKeyring root) {
    this.root = root;
  }

  /** Wraps material under the active root generation. */
  RootKeyring.Wrapped wrap(String keyId, int version, SecretBytes material) {
    byte[] raw = material.toByteArray();
    try {
      RootKeyring.Wrapped w = root.wrap(raw, aad(keyId, version));
      byte[] out = new byte[w.blob().length + 1];
      out[0] = FORMAT_V1;
      System.arraycopy(w.blob(), 0, out, 1, w.blob().length);
      return new RootKeyring.Wrapped(w.generation(), out);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /**
   * Unwraps stored material.
   *
   * @throws DecryptionException when the row was changed or belongs to another key or version
   */
  SecretBytes unwrap(String keyId, int version, int generation, byte[] wrapped) {
    if (wrapped.length < 1 || wrapped[0] != FORMAT_V1) {
      throw new DecryptionException();
    }
    byte[] sealed = Arrays.copyOfRange(wrapped, 1, wrapped.length);
    byte[] raw = root.unwrap(generation, sealed, aad(keyId, version));
    try {
      return SecretBytes.copyOf(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** The generation new wraps use. */
  int activeGeneration() {
    return root.activeGeneration();
  }

  private static byte[] aad(String keyId, int version) {
    return Canonical.encodeFields(
        PURPOSE,
        keyId.getBytes(StandardCharsets.UTF_8),
        Integer.toString(version).getBytes(StandardCharsets.UTF_8));
  }
}
