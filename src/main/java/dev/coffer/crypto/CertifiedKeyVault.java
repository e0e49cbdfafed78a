package dev.coffer.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes and opens RSA signing keys that come with a self-signed X.509 certificate, for receivers
 * that verify signatures against a certificate (SNS-style notifications, SignatureVersion 2:
 * SHA256withRSA). The private half is kept sealed (AES-256-GCM) under the root key with the purpose
 * and the certificate's fingerprint bound as associated data, exactly like {@link
 * SigningKeyVault}'s Ed25519 keys; only this package ever holds it in the clear.
 */
public final class CertifiedKeyVault {
  private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
  private static final String COMMON_NAME = "2.5.4.3";
  private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";
  private static final String PEM_END = "-----END CERTIFICATE-----";
  private final SigningKeyVault vault;

  /** A vault under the same root key as {@code vault}, sealing as it does. */
  public CertifiedKeyVault(SigningKeyVault vault) {
    this.vault = vault;
  }

  /**
   * A new key, ready to store.
   *
   * @param certificate the self-signed X.509 certificate, DER
   * @param fingerprint the certificate's fingerprint
   * @param sealedPrivateKey the private key sealed under the root key
   */
  @SuppressWarnings("ArrayRecordComponent") // opaque bytes handed to storage as they are
  public record NewKey(byte[] certificate, String fingerprint, byte[] sealedPrivateKey) {}

  /** Generates a 2048-bit RSA key for {@code purpose} with a certificate naming {@code subject}. */
  public NewKey create(String purpose, String subject, Instant notBefore, Duration validity) {
    KeyPair kp;
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      kp = g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is not available in this JDK", e);
    }
    byte[] pkcs8 = kp.getPrivate().getEncoded();
    try {
      byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(subject))));
      byte[] algorithm = Der.sequence(Der.oid(SHA256_WITH_RSA), Der.nullValue());
      byte[] tbs =
          Der.sequence(
              Der.explicit(0, Der.integer(BigInteger.TWO)), // v3
              Der.integer(new BigInteger(127, new SecureRandom()).add(BigInteger.ONE)),
              algorithm,
              name,
              Der.sequence(Der.time(notBefore), Der.time(notBefore.plus(validity))),
              name,
              kp.getPublic().getEncoded());
      byte[] certificate = Der.sequence(tbs, algorithm, Der.bitString(sign(kp.getPrivate(), tbs)));
      String fp = fingerprint(certificate);
      return new NewKey(certificate, fp, vault.seal(pkcs8, purpose, fp));
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  /**
   * Opens a sealed key made by {@link #create} for the same purpose.
   *
   * @throws IllegalStateException when it does not open under this root key
   */
  public RsaSigner open(String purpose, String fingerprint, byte[] sealedPrivateKey) {
    byte[] pkcs8 = vault.openBytes(purpose, fingerprint, sealedPrivateKey);
    try {
      return new RsaSigner(fingerprint, SecretBytes.copyOf(pkcs8));
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  /** The certificate's fingerprint: SHA-256 over its DER, first 16 bytes as hex. */
  public static String fingerprint(byte[] certificateDer) {
    return HexFormat.of().formatHex(Sha256.hash(certificateDer), 0, 16);
  }

  /** The certificate as a PEM "CERTIFICATE" block. */
  public static String toPem(byte[] certificateDer) {
    return PEM_BEGIN
        + "\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificateDer)
        + "\n"
        + PEM_END
        + "\n";
  }

  private static byte[] sign(PrivateKey key, byte[] message) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(key);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA signing failed", e);
    }
  }

  /** An opened RSA key; signs (SHA256withRSA) without ever handing out its private half. */
  public static final class RsaSigner {
    private final String fingerprint;
    private final SecretBytes privateKey;

    private RsaSigner(String fingerprint, SecretBytes privateKey) {
      this.fingerprint = fingerprint;
      this.privateKey = privateKey;
    }

    public String fingerprint() {
      return fingerprint;
    }

    /** A SHA256withRSA (PKCS#1 v1.5) signature of {@code message}. */
    public byte[] sign(byte[] message) {
      byte[] pkcs8 = privateKey.toByteArray();
      try {
        PrivateKey key =
            KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        return CertifiedKeyVault.sign(key, message);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("RSA signing failed", e);
      } finally {
        Arrays.fill(pkcs8, (byte) 0);
      }
    }
  }
}
