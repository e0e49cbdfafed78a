package dev.coffer.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A certificate authority local to one data directory, for development TLS: it issues the server
 * certificate for 127.0.0.1, ::1 and localhost (plus any extra names) and keeps everything in
 * {@code DIR/tls/} so that a client trusts the same CA across restarts. Keys are EC P-256, private
 * key files mode 0600.
 *
 * <p>Files: {@code ca.pem} (give it to clients), {@code ca.key}, {@code server.pem} (chain: server
 * then CA), {@code server.key}. The server certificate is re-issued when it is missing, expires
 * within a week, or does not cover the requested names.
 */
public final class LocalCa {
  /** The names every local server certificate covers. */
  public static final List<String> LOCAL_NAMES = List.of("localhost", "127.0.0.1", "::1");

  private static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final Duration SERVER_VALIDITY = Duration.ofDays(397);
  private static final Duration RENEW_BEFORE = Duration.ofDays(7);

  private final Path dir;
  private final X509Certificate caCertificate;
  private final PrivateKey caKey;

  private LocalCa(Path dir, X509Certificate caCertificate, PrivateKey caKey) {
    this.dir = dir;
    this.caCertificate = caCertificate;
    this.caKey = caKey;
  }

  /** The CA kept in {@code dir} (created with a fresh key on first use). */
  public static synchronized LocalCa openOrCreate(Path dir) {
    Path cert = dir.resolve("ca.pem");
    Path key = dir.resolve("ca.key");
    if (Files.exists(cert) && Files.exists(key)) {
      X509Certificate ca = Pem.readCertificates(cert).get(0);
      if (!expiresWithin(ca, RENEW_BEFORE)) {
        return new LocalCa(dir, ca, Pem.readPrivateKey(key));
      }
    }
    KeyPair keys = newKeyPair();
    X509Certificate ca =
        SelfSignedCertificate.create(
            keys, "Coffer local development CA", CA_VALIDITY, SelfSignedCertificate.Usage.CA);
    Pem.write(key, Pem.privateKey(keys.getPrivate()), true);
    Pem.write(cert, Pem.certificates(List.of(ca)), false);
    return new LocalCa(dir, ca, keys.getPrivate());
  }

  /** The CA certificate file clients should trust. */
  public Path certificateFile() {
    return dir.resolve("ca.pem");
  }

  /** The CA certificate. */
  public X509Certificate certificate() {
    return caCertificate;
  }

  /**
   * The server identity in this directory for {@link #LOCAL_NAMES} and {@code extraNames},
   * re-issued when needed.
   */
  public synchronized TlsIdentity serverIdentity(Collection<String> extraNames) {
    Set<String> names = new java.util.LinkedHashSet<>(LOCAL_NAMES);
    names.addAll(extraNames);
    Path cert = dir.resolve("server.pem");
    Path key = dir.resolve("server.key");
    if (Files.exists(cert) && Files.exists(key)) {
      List<X509Certificate> chain = Pem.readCertificates(cert);
      X509Certificate leaf = chain.get(0);
      if (!expiresWithin(leaf, RENEW_BEFORE) && covers(leaf, names) && issuedByThisCa(leaf)) {
        return new TlsIdentity(Pem.readPrivateKey(key), chain);
      }
    }
    return issue(List.copyOf(names), cert, key);
  }

  /** A client certificate for mTLS, issued by this CA (not stored). */
  public TlsIdentity clientIdentity(String commonName) {
    KeyPair keys = newKeyPair();
    X509Certificate leaf =
        SelfSignedCertificate.issue(
            caCertificate,
            caKey,
            keys.getPublic(),
            commonName,
            SERVER_VALIDITY,
            SelfSignedCertificate.Usage.CLIENT,
            List.of());
    return new TlsIdentity(keys.getPrivate(), List.of(leaf, caCertificate));
  }

  private TlsIdentity issue(List<String> names, Path cert, Path key) {
    KeyPair keys = newKeyPair();
    X509Certificate leaf =
        SelfSignedCertificate.issue(
            caCertificate,
            caKey,
            keys.getPublic(),
            "Coffer local server",
            SERVER_VALIDITY,
            SelfSignedCertificate.Usage.SERVER,
            names);
    List<X509Certificate> chain = List.of(leaf, caCertificate);
    Pem.write(key, Pem.privateKey(keys.getPrivate()), true);
    Pem.write(cert, Pem.certificates(chain), false);
    return new TlsIdentity(keys.getPrivate(), chain);
  }

  private boolean issuedByThisCa(X509Certificate leaf) {
    try {
      leaf.verify(caCertificate.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static boolean covers(X509Certificate leaf, Set<String> names) {
    Set<String> have = new HashSet<>();
    try {
      Collection<List<?>> alt = leaf.getSubjectAlternativeNames();
      if (alt != null) {
        for (List<?> entry : alt) {
          have.add(normalise(String.valueOf(entry.get(1))));
        }
      }
    } catch (CertificateException e) {
      return false;
    }
    for (String n : names) {
      if (!have.contains(normalise(n))) {
        return false;
      }
    }
    return true;
  }

  /** IPv6 literals as the JDK prints them in certificates (0:0:0:0:0:0:0:1 for ::1). */
  private static String normalise(String name) {
    if (name.contains(":")) {
      try {
        return java.net.InetAddress.getByName(name).getHostAddress();
      } catch (java.net.UnknownHostException e) {
        return name;
      }
    }
    return name.toLowerCase(java.util.Locale.ROOT);
  }

  private static boolean expiresWithin(X509Certificate c, Duration margin) {
    return c.getNotAfter().toInstant().isBefore(Instant.now().plus(margin));
  }

  /** A fresh EC P-256 key pair. */
  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is not available", e);
    }
  }
}
