package dev.coffer.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * TLS on one listener.
 *
 * @param certificateChain the PEM certificate chain (leaf first); empty with {@code privateKey} for
 *     a certificate issued by the local development CA kept in the data directory
 * @param privateKey the PEM private key of the leaf (PKCS#8; RSA, EC or Ed25519)
 * @param clientCaBundle PEM certificates of the CAs whose client certificates are accepted
 * @param requireClientCertificate refuse clients without a certificate from {@code clientCaBundle}
 *     (mTLS); without it a client certificate is asked for but optional
 * @param protocols the TLS versions offered: {@code TLSv1.3} and/or {@code TLSv1.2}
 * @param cipherSuites the TLS 1.2 and 1.3 suites offered, in order of preference
 */
public record TlsSettings(
    Optional<Path> certificateChain,
    Optional<Path> privateKey,
    Optional<Path> clientCaBundle,
    boolean requireClientCertificate,
    List<String> protocols,
    List<String> cipherSuites) {

  /** TLS versions Coffer speaks; nothing older than 1.2. */
  public static final Set<String> ALLOWED_PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

  /** TLS 1.3 and 1.2. */
  public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** AEAD suites with forward secrecy only: TLS 1.3's three, then TLS 1.2's ECDHE ones. */
  public static final List<String> DEFAULT_CIPHER_SUITES =
      List.of(
          "TLS_AES_256_GCM_SHA384",
          "TLS_AES_128_GCM_SHA256",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  public TlsSettings {
    Objects.requireNonNull(certificateChain, "certificateChain");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(clientCaBundle, "clientCaBundle");
    protocols = List.copyOf(protocols);
    cipherSuites = List.copyOf(cipherSuites);
    if (certificateChain.isPresent() != privateKey.isPresent()) {
      throw new IllegalArgumentException(
          "TLS needs both a certificate chain and a private key, or neither (local CA)");
    }
    if (requireClientCertificate && clientCaBundle.isEmpty()) {
      throw new IllegalArgumentException(
          "requiring a client certificate needs a client CA bundle to check it against");
    }
    if (protocols.isEmpty()) {
      throw new IllegalArgumentException("TLS needs at least one protocol version");
    }
    for (String p : protocols) {
      if (!ALLOWED_PROTOCOLS.contains(p)) {
        throw new IllegalArgumentException(
            "TLS protocol " + p + " is not allowed; use TLSv1.3 and/or TLSv1.2");
      }
    }
    if (cipherSuites.isEmpty()) {
      throw new IllegalArgumentException("TLS needs at least one cipher suite");
    }
  }

  /** TLS with a certificate from the local development CA in the data directory. */
  public static TlsSettings localCa() {
    return new TlsSettings(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        DEFAULT_PROTOCOLS,
        DEFAULT_CIPHER_SUITES);
  }

  /** TLS with the PEM certificate chain and private key given. */
  public static TlsSettings files(Path certificateChain, Path privateKey) {
    return new TlsSettings(
        Optional.of(certificateChain),
        Optional.of(privateKey),
        Optional.empty(),
        false,
        DEFAULT_PROTOCOLS,
        DEFAULT_CIPHER_SUITES);
  }

  /** These settings, requiring client certificates issued by a CA in {@code bundle} (mTLS). */
  public TlsSettings requiringClientCertificates(Path bundle) {
    return new TlsSettings(
        certificateChain, privateKey, Optional.of(bundle), true, protocols, cipherSuites);
  }

  /** Whether the certificate comes from the local development CA. */
  public boolean usesLocalCa() {
    return certificateChain.isEmpty();
  }
}
