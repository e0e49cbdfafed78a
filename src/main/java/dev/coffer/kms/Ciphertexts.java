package dev.coffer.kms;

import dev.coffer.core.error.InvalidCiphertextException;
import dev.coffer.crypto.AesGcm;
import dev.coffer.crypto.Canonical;
import dev.coffer.crypto.DecryptionException;
import dev.coffer.crypto.SecretBytes;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The ciphertext blobs Encrypt, GenerateDataKey and ReEncrypt return. Like AWS's symmetric
 * ciphertexts they carry what Decrypt needs to find the key, so Decrypt needs no KeyId:
 *
 * <pre>
 *   format (1 byte, = 1) | key id (16-byte UUID) | material version (4 bytes, big-endian)
 *   | AES-256-GCM under that material: nonce (12) | ciphertext | tag (16)
 * </pre>
 *
 * The header and the canonical encoding of the encryption context are the GCM associated data, so
 * changing any byte of the blob, or decrypting with another context, fails authentication.
 */
final class Ciphertexts {
  static final byte FORMAT_V1 = 1;
  static final int HEADER_BYTES = 1 + 16 + 4;

  private Ciphertexts() {}

  /** The key and material a blob names, and the blob itself. */
  record Parsed(String keyId, int version, byte[] blob) {}

  static byte[] seal(
      String keyId, int version, SecretBytes material, byte[] plaintext, Map<String, String> ctx) {
    UUID id = UUID.fromString(keyId);
    byte[] header =
        ByteBuffer.allocate(HEADER_BYTES)
            .put(FORMAT_V1)
            .putLong(id.getMostSignificantBits())
            .putLong(id.getLeastSignificantBits())
            .putInt(version)
            .array();
    byte[] sealed = AesGcm.encrypt(material, plaintext, aad(header, ctx));
    return ByteBuffer.allocate(header.length + sealed.length).put(header).put(sealed).array();
  }

  /** Reads the header; a blob that has none is not a ciphertext of this service. */
  static Optional<Parsed> parse(byte[] blob) {
    if (blob.length <= HEADER_BYTES || blob[0] != FORMAT_V1) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(blob, 1, HEADER_BYTES - 1);
    String keyId = new UUID(b.getLong(), b.getLong()).toString();
    int version = b.getInt();
    return Optional.of(new Parsed(keyId, version, blob));
  }

  /**
   * Decrypts a parsed blob with its material, the encryption context given in its {@link
   * Canonical#encode} form; any mismatch is InvalidCiphertextException.
   */
  static byte[] open(Parsed p, SecretBytes material, byte[] encodedContext) {
    byte[] blob = p.blob();
    byte[] header = java.util.Arrays.copyOf(blob, HEADER_BYTES);
    try {
      return AesGcm.decrypt(
          material,
          blob,
          HEADER_BYTES,
          blob.length - HEADER_BYTES,
          Canonical.encodeFields(header, encodedContext));
    } catch (DecryptionException e) {
      throw invalid();
    }
  }

  static InvalidCiphertextException invalid() {
    return new InvalidCiphertextException(
        "The ciphertext is invalid, or it was not encrypted under this encryption context.");
  }

  private static byte[] aad(byte[] header, Map<String, String> ctx) {
    return Canonical.encodeFields(header, Canonical.encode(ctx));
  }
}
