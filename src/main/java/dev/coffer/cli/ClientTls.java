package dev.coffer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS trust of the {@code coffer} client commands: the JDK's default CAs, or, when a CA bundle
 * is given ({@code --ca-bundle FILE}, else {@code AWS_CA_BUNDLE} as the AWS CLI reads it), exactly
 * the certificates in that PEM file, as the AWS CLI does.
 */
public final class ClientTls {
  private ClientTls() {}

  /** The bundle to trust: the option's, else {@code AWS_CA_BUNDLE}'s, else none. */
  public static Optional<Path> caBundle(Optional<Path> option, Map<String, String> env) {
    if (option.isPresent()) {
      return option;
    }
    String fromEnv = env.get("AWS_CA_BUNDLE");
    return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(Path.of(fromEnv));
  }

  /** An SSL context trusting the bundle's certificates, or the JDK default without one. */
  public static SSLContext context(Optional<Path> bundle) {
    try {
      if (bundle.isEmpty()) {
        return SSLContext.getDefault();
      }
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      Collection<? extends Certificate> certs;
      try (InputStream in = Files.newInputStream(bundle.get())) {
        certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (certs.isEmpty()) {
        throw new IllegalArgumentException("no certificate in CA bundle " + bundle.get());
      }
      int i = 0;
      for (Certificate c : certs) {
        trust.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CA bundle " + bundle.orElseThrow(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("invalid CA bundle " + bundle.orElseThrow(), e);
    }
  }
}
