package dev.coffer.server;

import dev.coffer.crypto.LocalCa;
import dev.coffer.crypto.Pem;
import dev.coffer.crypto.TlsIdentity;
import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.helidon.common.tls.TlsConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

/** Turns {@link TlsSettings} into Helidon's TLS configuration for one listener. */
final class TlsWiring {
  /** Addresses that mean "every interface": not names a certificate can carry. */
  private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]", "");

  private TlsWiring() {}

  /** Where the local development CA lives inside a data directory. */
  static Path localCaDir(Path dataDir) {
    return dataDir.resolve("tls");
  }

  /**
   * The TLS of a listener bound to {@code host}: its certificate from files, or issued by the local
   * CA in {@code dataDir} for localhost, 127.0.0.1, ::1 and {@code host}.
   */
  static Tls tls(TlsSettings s, Path dataDir, String host, TlsSessionRegistry sessions) {
    TlsIdentity identity;
    if (s.usesLocalCa()) {
      List<String> extra = new ArrayList<>();
      if (!WILDCARDS.contains(host)) {
        extra.add(host);
      }
      identity = LocalCa.openOrCreate(localCaDir(dataDir)).serverIdentity(extra);
    } else {
      identity =
          TlsIdentity.fromPem(s.certificateChain().orElseThrow(), s.privateKey().orElseThrow());
    }
    // Helidon builds the SSL context from the key and trust settings; the listener then serves
    // that context wrapped, so that each connection's session can be found again (tlsDetails).
    SSLContext built = builder(s, identity).build().sslContext();
    return builder(s, identity).sslContext(sessions.wrap(built)).build();
  }

  private static TlsConfig.Builder builder(TlsSettings s, TlsIdentity identity) {
    TlsConfig.Builder b =
        Tls.builder()
            .privateKey(identity.privateKey())
            .privateKeyCertChain(identity.chain())
            .enabledProtocols(s.protocols())
            .enabledCipherSuites(s.cipherSuites())
            // Client certificates are checked against the CA bundle, not against the client's
            // host name (the server's view of the peer is an address, and clients have none).
            .endpointIdentificationAlgorithm("NONE");
    if (s.clientCaBundle().isPresent()) {
      b.trust(Pem.readCertificates(s.clientCaBundle().get()))
          .clientAuth(
              s.requireClientCertificate() ? TlsClientAuth.REQUIRED : TlsClientAuth.OPTIONAL);
    }
    return b;
  }
}
