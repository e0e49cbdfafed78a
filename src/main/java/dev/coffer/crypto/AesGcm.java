package dev.coffer.crypto;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce per message (NIST SP 800-38D §8.2.2), the associated data
 * bound as GCM's additional authenticated data. The output is {@code nonce || ciphertext || tag}.
 *
 * <p>Every failure to decrypt, whatever its cause (wrong key, changed byte, different associated
 * data, truncation), raises the same {@link DecryptionException} so that errors leak nothing.
 */
public final class AesGcm {
  public static final int KEY_BYTES = 32;
  static final int NONCE_BYTES = 12;
  static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  // Looking the provider up once: Cipher.getInstance(String) searches every installed provider on
  // each call, which costs more than sealing a 1 KiB value.
  private static final Provider PROVIDER = provider();

  private AesGcm() {}

  /** Encrypts {@code plaintext} under {@code key}, authenticating {@code associatedData}. */
  public static byte[] encrypt(SecretBytes key, byte[] plaintext, byte[] associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] raw = key.toByteArray();
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION, PROVIDER);
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(raw, "AES"),
          new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData);
      byte[] out = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      cipher.doFinal(plaintext, 0, plaintext.length, out, NONCE_BYTES);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK", e);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** Decrypts what {@link #encrypt} produced; any mismatch raises {@link DecryptionException}. */
  public static byte[] decrypt(SecretBytes key, byte[] sealed, byte[] associatedData) {
    if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new DecryptionException();
    }
    byte[] raw = key.toByteArray();
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION, PROVIDER);
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(raw, "AES"),
          new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      cipher.updateAAD(associatedData);
      return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new DecryptionException();
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static Provider provider() {
    try {
      return Cipher.getInstance(TRANSFORMATION).getProvider();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK", e);
    }
  }

  /** A fresh random 256-bit key. */
  public static SecretBytes newKey() {
    byte[] k = new byte[KEY_BYTES];
    RANDOM.nextBytes(k);
    try {
      return SecretBytes.copyOf(k);
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }
}
