package dev.coffer.server;

import dev.coffer.protocol.TrustedProxies;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How clients reach the server: TLS and endpoint id of the main listener ({@link ServerConfig}'s
 * host and port), further listeners, and the proxies whose {@code X-Forwarded-For} is believed.
 *
 * @param tls TLS on the main listener; empty for plain HTTP
 * @param endpointId the main listener's {@code aws:SourceVpce}, usually empty
 * @param listeners further listeners, each with its own TLS and endpoint id
 * @param trustedProxies addresses or CIDR ranges of reverse proxies in front of Coffer: a request
 *     from one of them has its {@code aws:SourceIp} taken from {@code X-Forwarded-For}
 */
public record NetworkSettings(
    Optional<TlsSettings> tls,
    Optional<String> endpointId,
    List<ListenerSettings> listeners,
    List<String> trustedProxies) {

  public NetworkSettings {
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(endpointId, "endpointId");
    listeners = List.copyOf(listeners);
    trustedProxies = List.copyOf(trustedProxies);
    endpointId.ifPresent(ListenerSettings::checkEndpointId);
    TrustedProxies.of(trustedProxies); // refuses what is not an address or CIDR range, at load
    Set<String> names = new HashSet<>();
    for (ListenerSettings l : listeners) {
      if (l.name().equals(MAIN) || !names.add(l.name())) {
        throw new IllegalArgumentException("listener names must be unique: " + l.name());
      }
    }
  }

  /** The main listener's name. */
  public static final String MAIN = "main";

  /** Plain HTTP on the main listener only, no proxies: what {@code coffer dev} has always done. */
  public static NetworkSettings plain() {
    return new NetworkSettings(Optional.empty(), Optional.empty(), List.of(), List.of());
  }

  /** These settings with TLS on the main listener. */
  public NetworkSettings withTls(TlsSettings settings) {
    return new NetworkSettings(Optional.of(settings), endpointId, listeners, trustedProxies);
  }

  /** These settings with one more listener. */
  public NetworkSettings withListener(ListenerSettings listener) {
    List<ListenerSettings> all = new java.util.ArrayList<>(listeners);
    all.add(listener);
    return new NetworkSettings(tls, endpointId, all, trustedProxies);
  }

  /** These settings believing {@code X-Forwarded-For} from {@code proxies}. */
  public NetworkSettings withTrustedProxies(List<String> proxies) {
    return new NetworkSettings(tls, endpointId, listeners, proxies);
  }
}
