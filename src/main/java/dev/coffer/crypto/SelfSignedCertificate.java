package dev.coffer.crypto;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds X.509 v3 certificates, which the JDK cannot: self-signed ones (a CA, or a stand-alone
 * certificate for an RSA, EC or Ed25519 key pair) and ones issued by a CA key. Signatures use
 * SHA-256 (ECDSA or RSA PKCS#1 v1.5) or Ed25519, by the signing key's algorithm.
 */
public final class SelfSignedCertificate {
  private SelfSignedCertificate() {}

  /** What a certificate is for. */
  public enum Usage {
    /** A certificate authority: may sign certificates. */
    CA,
    /** A TLS server. */
    SERVER,
    /** A TLS client (mTLS). */
    CLIENT,
    /** Signing data (documents, reports): digital signature and non-repudiation only. */
    SIGNING
  }

  /**
   * A self-signed certificate for {@code keys}, valid from a minute before now for {@code
   * validity}.
   *
   * @param commonName the subject (and issuer) common name
   */
  public static X509Certificate create(
      KeyPair keys, String commonName, Duration validity, Usage usage) {
    X500Name name = name(commonName);
    return build(name, keys.getPrivate(), null, name, keys.getPublic(), validity, usage, List.of());
  }

  /**
   * A certificate for {@code subjectKey} issued by {@code issuer} (whose private key is {@code
   * issuerKey}).
   *
   * @param subjectAltNames DNS names and IP addresses (literal IPv4/IPv6) the certificate is for
   */
  public static X509Certificate issue(
      X509Certificate issuer,
      PrivateKey issuerKey,
      PublicKey subjectKey,
      String commonName,
      Duration validity,
      Usage usage,
      List<String> subjectAltNames) {
    return build(
        X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
        issuerKey,
        issuer,
        name(commonName),
        subjectKey,
        validity,
        usage,
        subjectAltNames);
  }

  private static X509Certificate build(
      X500Name issuerName,
      PrivateKey signingKey,
      @org.jspecify.annotations.Nullable X509Certificate issuer,
      X500Name subject,
      PublicKey subjectKey,
      Duration validity,
      Usage usage,
      List<String> subjectAltNames) {
    Instant now = Instant.now();
    BigInteger serial = new BigInteger(1, RandomBytes.bytes(16)).setBit(127);
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            issuerName,
            serial,
            Date.from(now.minus(Duration.ofMinutes(1))),
            Date.from(now.plus(validity)),
            subject,
            subjectKey);
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
      if (issuer != null) {
        b.addExtension(
            Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer));
      }
      switch (usage) {
        case CA -> {
          b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
          b.addExtension(
              Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }
        case SERVER, CLIENT -> {
          b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
          b.addExtension(
              Extension.keyUsage,
              true,
              new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
          b.addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(
                  usage == Usage.SERVER
                      ? KeyPurposeId.id_kp_serverAuth
                      : KeyPurposeId.id_kp_clientAuth));
        }
        case SIGNING -> {
          b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
          b.addExtension(
              Extension.keyUsage,
              true,
              new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        }
      }
      if (!subjectAltNames.isEmpty()) {
        b.addExtension(Extension.subjectAlternativeName, false, altNames(subjectAltNames));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              b.build(
                  new JcaContentSignerBuilder(signatureAlgorithm(signingKey)).build(signingKey)));
    } catch (CertIOException | OperatorCreationException | CertificateException e) {
      throw new IllegalStateException("cannot build certificate for " + subject, e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is needed for key identifiers", e);
    }
  }

  /** The signature algorithm for a signing key. */
  static String signatureAlgorithm(PrivateKey key) {
    return switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default ->
          throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
    };
  }

  private static X500Name name(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
  }

  private static GeneralNames altNames(List<String> names) {
    List<GeneralName> out = new ArrayList<>();
    for (String n : names) {
      out.add(
          isIpLiteral(n)
              ? new GeneralName(GeneralName.iPAddress, n)
              : new GeneralName(GeneralName.dNSName, n));
    }
    return new GeneralNames(out.toArray(GeneralName[]::new));
  }

  private static boolean isIpLiteral(String n) {
    if (n.contains(":")) {
      return true;
    }
    if (!n.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return false;
    }
    try {
      return InetAddress.getByName(n) != null;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
