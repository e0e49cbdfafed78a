package dev.coffer.crypto;

import java.util.Arrays;

/**
 * A sealer holding a 256-bit seal key in memory (key file, passphrase and Shamir seals):
 * AES-256-GCM under that key, with a public header (e.g. a passphrase's salt and cost) stored in
 * front of the ciphertext and bound as associated data, so that a changed header does not open.
 *
 * <p>Layout: {@code 1 || headerLength (1 byte) || header || nonce || ciphertext || tag}.
 */
final class KekSealer implements Sealer {
  private static final byte FORMAT_V1 = 1;
  private final String type;
  private final SecretBytes sealKey;
  private final byte[] header;

  KekSealer(String type, SecretBytes sealKey, byte[] header) {
    if (header.length > 255) {
      throw new IllegalArgumentException("seal header too long");
    }
    this.type = type;
    this.sealKey = sealKey;
    this.header = header.clone();
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public byte[] seal(SecretBytes rootKey, byte[] associatedData) {
    byte[] raw = rootKey.toByteArray();
    try {
      byte[] body = AesGcm.encrypt(sealKey, raw, aad(header, associatedData));
      byte[] out = new byte[2 + header.length + body.length];
      out[0] = FORMAT_V1;
      out[1] = (byte) header.length;
      System.arraycopy(header, 0, out, 2, header.length);
      System.arraycopy(body, 0, out, 2 + header.length, body.length);
      return out;
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  @Override
  public SecretBytes open(byte[] sealed, byte[] associatedData) {
    byte[] stored = header(sealed);
    byte[] body = Arrays.copyOfRange(sealed, 2 + stored.length, sealed.length);
    byte[] raw = AesGcm.decrypt(sealKey, body, aad(stored, associatedData));
    try {
      return SecretBytes.copyOf(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /**
   * The public header of a sealed blob.
   *
   * @throws DecryptionException when the blob is not in this format
   */
  static byte[] header(byte[] sealed) {
    if (sealed.length < 2 || sealed[0] != FORMAT_V1) {
      throw new DecryptionException();
    }
    int n = sealed[1] & 0xff;
    if (sealed.length < 2 + n) {
      throw new DecryptionException();
    }
    return Arrays.copyOfRange(sealed, 2, 2 + n);
  }

  private byte[] aad(byte[] header, byte[] associatedData) {
    return Canonical.encodeFields(
        type.getBytes(java.nio.charset.StandardCharsets.UTF_8), header, associatedData);
  }

  @Override
  public void close() {
    sealKey.destroy();
  }
}
