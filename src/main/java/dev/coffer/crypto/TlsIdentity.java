package dev.coffer.crypto;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What a TLS endpoint presents: its private key and certificate chain (leaf first).
 *
 * @param privateKey the leaf certificate's private key
 * @param chain the leaf certificate, then any intermediates
 */
public record TlsIdentity(PrivateKey privateKey, List<X509Certificate> chain) {
  public TlsIdentity {
    Objects.requireNonNull(privateKey, "privateKey");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a certificate chain needs at least one certificate");
    }
  }

  /** Reads a PEM certificate chain and a PEM private key. */
  public static TlsIdentity fromPem(Path certificateChain, Path privateKey) {
    List<X509Certificate> chain = Pem.readCertificates(certificateChain);
    PrivateKey key = Pem.readPrivateKey(privateKey);
    if (!key.getAlgorithm().equals(chain.get(0).getPublicKey().getAlgorithm())
        && !(key.getAlgorithm().startsWith("Ed")
            && chain.get(0).getPublicKey().getAlgorithm().startsWith("Ed"))) {
      throw new IllegalArgumentException(
          "the private key in "
              + privateKey
              + " ("
              + key.getAlgorithm()
              + ") does not match the certificate in "
              + certificateChain);
    }
    return new TlsIdentity(key, chain);
  }

  @Override
  public String toString() {
    return "TlsIdentity[" + chain.get(0).getSubjectX500Principal() + "]";
  }
}
