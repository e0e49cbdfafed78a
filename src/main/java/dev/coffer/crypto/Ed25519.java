package dev.coffer.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 signatures (RFC 8032) with the JDK's provider. Public keys travel as X.509
 * SubjectPublicKeyInfo DER (PEM "PUBLIC KEY" in files); private keys exist only as PKCS#8 bytes
 * inside {@link SecretBytes}.
 */
public final class Ed25519 {
  private static final String PEM_BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String PEM_END = "-----END PUBLIC KEY-----";

  private Ed25519() {}

  /**
   * A fresh key pair.
   *
   * @param publicKey X.509 DER
   * @param privateKey PKCS#8 DER
   */
  @SuppressWarnings("ArrayRecordComponent") // public key bytes, copied by callers that keep them
  public record Keys(byte[] publicKey, SecretBytes privateKey) {}

  public static Keys generate() {
    try {
      KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] pkcs8 = kp.getPrivate().getEncoded();
      try {
        return new Keys(kp.getPublic().getEncoded(), SecretBytes.copyOf(pkcs8));
      } finally {
        Arrays.fill(pkcs8, (byte) 0);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available in this JDK", e);
    }
  }

  /** Signs {@code message} with the PKCS#8 private key. */
  public static byte[] sign(SecretBytes privateKey, byte[] message) {
    byte[] pkcs8 = privateKey.toByteArray();
    try {
      PrivateKey key =
          KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  /** Whether {@code signature} is a valid signature of {@code message} under the public key. */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(publicKey(publicKey));
      s.update(message);
      return s.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether {@code der} is an Ed25519 public key. */
  public static boolean isPublicKey(byte[] der) {
    try {
      publicKey(der);
      return true;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static PublicKey publicKey(byte[] der) throws GeneralSecurityException {
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (InvalidKeySpecException e) {
      throw new GeneralSecurityException("not an Ed25519 public key", e);
    }
  }

  /** The key's fingerprint: the first 16 bytes of SHA-256 over its DER, as 32 hex digits. */
  public static String fingerprint(byte[] publicKey) {
    return HexFormat.of().formatHex(Sha256.hash(publicKey), 0, 16);
  }

  /** The public key as a PEM "PUBLIC KEY" block. */
  public static String toPem(byte[] publicKey) {
    return PEM_BEGIN
        + "\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(publicKey)
        + "\n"
        + PEM_END
        + "\n";
  }

  /**
   * The DER inside a PEM "PUBLIC KEY" block.
   *
   * @throws IllegalArgumentException not such a block
   */
  public static byte[] fromPem(String pem) {
    int b = pem.indexOf(PEM_BEGIN);
    int e = pem.indexOf(PEM_END);
    if (b < 0 || e < b) {
      throw new IllegalArgumentException("not a PEM public key");
    }
    String body = pem.substring(b + PEM_BEGIN.length(), e).replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }
}
