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
  // One Cipher per thread, initialised afresh with its key and nonce for every message: creating
  // one per call (Cipher.getInstance parses the transformation and builds the GCM engine) cost
  // about as much as decrypting a 1 KiB value. A Cipher is not thread-safe, so none is shared;
  // request threads live as long as their connection, so each is reused for many requests. The
  // key schedule of the last message stays in it until the thread's next message or its end, as
  // it stayed in the discarded Cipher's memory before; no key or plaintext is looked up from it.
  private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(AesGcm::newCipher);

  private AesGcm() {}

  /** Encrypts {@code plaintext} under {@code key}, authenticating {@code associatedData}. */
  public static byte[] encrypt(SecretBytes key, byte[] plaintext, byte[] associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] raw = key.toByteArray();
    try {
      Cipher cipher = CIPHERS.get();
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
    return decrypt(key, sealed, 0, sealed.length, associatedData);
  }

  /**
   * Decrypts what {@link #encrypt} produced, found at {@code sealed[offset, offset + length)}, so
   * that a caller holding it inside a larger blob need not copy it out first.
   */
  public static byte[] decrypt(
      SecretBytes key, byte[] sealed, int offset, int length, byte[] associatedData) {
    if (offset < 0 || length < NONCE_BYTES + TAG_BITS / 8 || length > sealed.length - offset) {
      throw new DecryptionException();
    }
    byte[] raw = key.toByteArray();
    try {
      Cipher cipher = CIPHERS.get();
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(raw, "AES"),
          new GCMParameterSpec(TAG_BITS, sealed, offset, NONCE_BYTES));
      cipher.updateAAD(associatedData);
      return cipher.doFinal(sealed, offset + NONCE_BYTES, length - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new DecryptionException();
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance(TRANSFORMATION, PROVIDER);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK", e);
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
