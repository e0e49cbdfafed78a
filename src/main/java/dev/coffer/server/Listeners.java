package dev.coffer.server;

import dev.coffer.protocol.ListenerOrigin;
import dev.coffer.protocol.TrustedProxies;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Starts the HTTP(S) listeners: the main one on {@link ServerConfig#host()} and {@link
 * ServerConfig#port()}, and each further listener of {@link NetworkSettings}, every one with its
 * own TLS and endpoint id and the same API behind it.
 */
final class Listeners {
  private Listeners() {}

  /** Helidon's name for a listener. */
  static String socketName(String listener) {
    return listener.equals(NetworkSettings.MAIN) ? WebServer.DEFAULT_SOCKET_NAME : listener;
  }

  /**
   * Starts every listener; {@code routes} adds the routes of one listener given that listener's
   * origin (endpoint id, trusted proxies).
   */
  static WebServer start(
      ServerConfig config, BiConsumer<HttpRouting.Builder, ListenerOrigin> routes) {
    NetworkSettings net = config.network();
    TrustedProxies proxies = TrustedProxies.of(net.trustedProxies());
    // A backstop only: the endpoint enforces maxBodyBytes itself so that an oversized request
    // gets an AWS-shaped error body.
    long backstop = 4L * config.maxBodyBytes();
    TlsSessionRegistry mainSessions = new TlsSessionRegistry();
    ListenerOrigin mainOrigin = new ListenerOrigin(net.endpointId(), proxies, mainSessions);
    WebServerConfig.Builder b =
        WebServer.builder()
            .host(config.host())
            .port(config.port())
            .maxPayloadSize(backstop)
            .routing(r -> routes.accept(r, mainOrigin));
    net.tls()
        .ifPresent(t -> b.tls(TlsWiring.tls(t, config.dataDir(), config.host(), mainSessions)));
    for (ListenerSettings l : net.listeners()) {
      TlsSessionRegistry sessions = new TlsSessionRegistry();
      ListenerOrigin origin = new ListenerOrigin(l.endpointId(), proxies, sessions);
      b.putSocket(
          l.name(),
          s -> {
            s.host(l.host())
                .port(l.port())
                .maxPayloadSize(backstop)
                .routing(r -> routes.accept(r, origin));
            l.tls().ifPresent(t -> s.tls(TlsWiring.tls(t, config.dataDir(), l.host(), sessions)));
          });
    }
    return b.build().start();
  }

  /** Where clients find the local CA certificate, when any listener uses it. */
  static Optional<java.nio.file.Path> localCaCertificate(ServerConfig config) {
    NetworkSettings net = config.network();
    boolean used =
        net.tls().map(TlsSettings::usesLocalCa).orElse(false)
            || net.listeners().stream()
                .anyMatch(l -> l.tls().map(TlsSettings::usesLocalCa).orElse(false));
    return used
        ? Optional.of(TlsWiring.localCaDir(config.dataDir()).resolve("ca.pem"))
        : Optional.empty();
  }
}
