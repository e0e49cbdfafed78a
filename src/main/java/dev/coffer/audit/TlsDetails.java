package dev.coffer.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * CloudTrail's {@code tlsDetails} of a call that came over TLS (CloudTrail User Guide, "CloudTrail
 * record contents", event version 1.08 and later).
 *
 * @param tlsVersion the negotiated protocol, e.g. {@code TLSv1.3}; empty when the server could not
 *     tell which connection the request came on
 * @param cipherSuite the negotiated suite in the names CloudTrail uses (OpenSSL's for TLS 1.2, e.g.
 *     {@code ECDHE-ECDSA-AES128-GCM-SHA256}; the RFC 8446 names for TLS 1.3)
 * @param clientProvidedHostHeader the Host header the client sent
 */
public record TlsDetails(
    Optional<String> tlsVersion, Optional<String> cipherSuite, String clientProvidedHostHeader) {

  /**
   * IANA (JSSE) names of TLS 1.2 suites Coffer may negotiate, to the OpenSSL names CloudTrail uses.
   */
  private static final Map<String, String> OPENSSL_NAMES =
      Map.of(
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305");

  public TlsDetails {
    Objects.requireNonNull(tlsVersion, "tlsVersion");
    Objects.requireNonNull(cipherSuite, "cipherSuite");
    Objects.requireNonNull(clientProvidedHostHeader, "clientProvidedHostHeader");
  }

  /**
   * The details of a negotiated session as JSSE names them ({@code SSLSession.getProtocol()},
   * {@code getCipherSuite()}).
   */
  public static TlsDetails negotiated(String protocol, String jsseCipherSuite, String host) {
    return new TlsDetails(
        Optional.of(protocol),
        Optional.of(OPENSSL_NAMES.getOrDefault(jsseCipherSuite, jsseCipherSuite)),
        host);
  }

  /** Only the Host header: the session of the connection is not known. */
  public static TlsDetails hostOnly(String host) {
    return new TlsDetails(Optional.empty(), Optional.empty(), host);
  }

  /** The {@code tlsDetails} object, members in CloudTrail's order. */
  /** Writes CloudTrail's {@code tlsDetails} object. */
  void write(JsonGenerator g) throws IOException {
    g.writeStartObject();
    if (tlsVersion.isPresent()) {
      g.writeStringField("tlsVersion", tlsVersion.get());
    }
    if (cipherSuite.isPresent()) {
      g.writeStringField("cipherSuite", cipherSuite.get());
    }
    g.writeStringField("clientProvidedHostHeader", clientProvidedHostHeader);
    g.writeEndObject();
  }
}
