package dev.coffer.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a listener tells about the requests it receives: its private endpoint id ({@code
 * aws:SourceVpce}) and the proxies it believes about the client's address ({@code aws:SourceIp}).
 *
 * @param endpointId the listener's endpoint id, e.g. {@code vpce-0123456789abcdef0}
 * @param proxies whose {@code X-Forwarded-For} is believed
 */
public record ListenerOrigin(Optional<String> endpointId, TrustedProxies proxies) {
  public ListenerOrigin {
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(proxies, "proxies");
  }

  /** A listener with no endpoint id and no trusted proxies. */
  public static ListenerOrigin direct() {
    return new ListenerOrigin(Optional.empty(), TrustedProxies.none());
  }

  /** The client's address for a request from {@code peer} with these forwarding headers. */
  String sourceIp(String peer, List<String> forwardedFor) {
    return proxies.clientAddress(peer, forwardedFor);
  }
}
