package dev.coffer.protocol;

import dev.coffer.audit.TlsDetails;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * What a listener tells about the requests it receives: its private endpoint id ({@code
 * aws:SourceVpce}), the proxies it believes about the client's address ({@code aws:SourceIp}) and
 * the TLS sessions of its connections (the audit record's {@code tlsDetails}).
 *
 * @param endpointId the listener's endpoint id, e.g. {@code vpce-0123456789abcdef0}
 * @param proxies whose {@code X-Forwarded-For} is believed
 * @param tlsSessions the sessions of its TLS connections
 */
public record ListenerOrigin(
    Optional<String> endpointId, TrustedProxies proxies, TlsSessions tlsSessions) {
  public ListenerOrigin {
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(proxies, "proxies");
    Objects.requireNonNull(tlsSessions, "tlsSessions");
  }

  /** A listener whose TLS sessions are not tracked. */
  public ListenerOrigin(Optional<String> endpointId, TrustedProxies proxies) {
    this(endpointId, proxies, TlsSessions.none());
  }

  /** A listener with no endpoint id and no trusted proxies. */
  public static ListenerOrigin direct() {
    return new ListenerOrigin(Optional.empty(), TrustedProxies.none());
  }

  /** The client's address for a request from {@code peer} with these forwarding headers. */
  String sourceIp(String peer, List<String> forwardedFor) {
    return proxies.clientAddress(peer, forwardedFor);
  }

  /**
   * CloudTrail's {@code tlsDetails} of {@code req}: empty over plain HTTP; the negotiated version
   * and suite when the connection's session is known, and always the Host header the client sent.
   */
  Optional<TlsDetails> tlsDetails(ServerRequest req) {
    if (!req.isSecure()) {
      return Optional.empty();
    }
    String host = req.headers().first(HeaderNames.HOST).orElse("");
    Optional<SSLSession> session = tlsSessions.of(req.remotePeer().address());
    return Optional.of(
        session
            .map(s -> TlsDetails.negotiated(s.getProtocol(), s.getCipherSuite(), host))
            .orElseGet(() -> TlsDetails.hostOnly(host)));
  }
}
