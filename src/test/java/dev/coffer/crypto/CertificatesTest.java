package dev.coffer.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificatesTest {
  @TempDir Path dir;

  @Test
  void localCaIssuesAServerCertificateThatChainsToItAndIsReusedOnRestart() throws Exception {
    LocalCa ca = LocalCa.openOrCreate(dir);
    TlsIdentity server = ca.serverIdentity(List.of());
    X509Certificate leaf = server.chain().get(0);

    // PKIX validation with only the CA as trust anchor.
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), params);
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(leaf.getSubjectAlternativeNames())
        .extracting(e -> String.valueOf(e.get(1)))
        .contains("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
    assertThat(ca.certificate().getBasicConstraints()).isEqualTo(0);

    assertThat(Files.getPosixFilePermissions(dir.resolve("ca.key")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(Files.getPosixFilePermissions(dir.resolve("server.key")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    LocalCa again = LocalCa.openOrCreate(dir);
    TlsIdentity reused = again.serverIdentity(List.of());
    assertThat(again.certificate()).isEqualTo(ca.certificate());
    assertThat(reused.chain()).isEqualTo(server.chain());
    assertThat(reused.privateKey().getEncoded()).isEqualTo(server.privateKey().getEncoded());
  }

  @Test
  void aNewNameReissuesTheServerCertificateUnderTheSameCa() throws Exception {
    LocalCa ca = LocalCa.openOrCreate(dir);
    X509Certificate first = ca.serverIdentity(List.of()).chain().get(0);
    X509Certificate second = ca.serverIdentity(List.of("coffer.internal")).chain().get(0);
    assertThat(second).isNotEqualTo(first);
    second.verify(ca.certificate().getPublicKey());
    assertThat(second.getSubjectAlternativeNames())
        .extracting(e -> String.valueOf(e.get(1)))
        .contains("coffer.internal", "localhost");
  }

  @Test
  void selfSignedCertificateForAnRsaKeyVerifiesSignatures() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair keys = g.generateKeyPair();
    X509Certificate cert =
        SelfSignedCertificate.create(
            keys, "Coffer reports", Duration.ofDays(30), SelfSignedCertificate.Usage.SIGNING);
    cert.verify(keys.getPublic());
    cert.checkValidity();
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withRSA");
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=Coffer reports");
    assertThat(cert.getKeyUsage()[0]).isTrue(); // digitalSignature

    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(keys.getPrivate());
    s.update(new byte[] {1, 2, 3});
    byte[] sig = s.sign();
    s.initVerify(cert);
    s.update(new byte[] {1, 2, 3});
    assertThat(s.verify(sig)).isTrue();
  }

  @Test
  void pemRoundTripsPkcs8RsaAndEcKeysAndCertificateChains() throws Exception {
    for (String alg : List.of("RSA", "EC", "Ed25519")) {
      KeyPair keys = KeyPairGenerator.getInstance(alg).generateKeyPair();
      X509Certificate cert =
          SelfSignedCertificate.create(
              keys, "pem-" + alg, Duration.ofDays(1), SelfSignedCertificate.Usage.SERVER);
      Path certFile = dir.resolve(alg + ".pem");
      Path keyFile = dir.resolve(alg + ".key");
      Pem.write(certFile, Pem.certificates(List.of(cert, cert)), false);
      Pem.write(keyFile, Pem.privateKey(keys.getPrivate()), true);
      assertThat(Files.readString(keyFile)).startsWith("-----BEGIN PRIVATE KEY-----\n");

      TlsIdentity id = TlsIdentity.fromPem(certFile, keyFile);
      assertThat(id.chain()).containsExactly(cert, cert);
      assertThat(id.privateKey().getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
    }
  }

  @Test
  void mismatchedEncryptedOrMissingKeysAreRefusedClearly() throws Exception {
    KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    KeyPair ec = LocalCa.newKeyPair();
    Path certFile = dir.resolve("c.pem");
    Pem.write(
        certFile,
        Pem.certificates(
            List.of(
                SelfSignedCertificate.create(
                    rsa, "x", Duration.ofDays(1), SelfSignedCertificate.Usage.SERVER))),
        false);
    Path ecKey = dir.resolve("ec.key");
    Pem.write(ecKey, Pem.privateKey(ec.getPrivate()), true);
    assertThatThrownBy(() -> TlsIdentity.fromPem(certFile, ecKey))
        .hasMessageContaining("does not match");

    Path encrypted = dir.resolve("enc.key");
    Files.writeString(
        encrypted,
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n-----END ENCRYPTED PRIVATE KEY-----\n");
    assertThatThrownBy(() -> Pem.readPrivateKey(encrypted))
        .isInstanceOf(IllegalArgumentException.class);

    assertThatThrownBy(() -> Pem.readCertificates(ecKey))
        .hasMessageContaining("no PEM CERTIFICATE block");
  }
}
