package dev.coffer.server;

import dev.coffer.protocol.TlsSessions;
import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Remembers the TLS engine of each open connection of one listener, by the client's host and port,
 * so that a request's audit record can name the negotiated version and cipher suite: Helidon 4.5
 * does not pass the session to the request handler. It wraps the listener's {@link SSLContext};
 * Helidon asks that context for one engine per accepted connection, naming the peer's host and
 * port, before any request on the connection can be read.
 *
 * <p>Engines are held weakly (a closed connection's engine is collected), and entries whose engine
 * is gone or closed are swept whenever the map has grown to twice what was live at the last sweep,
 * so it stays proportional to the open connections.
 */
final class TlsSessionRegistry implements TlsSessions {
  private static final int MIN_SWEEP = 64;

  private final Map<String, WeakReference<SSLEngine>> engines = new ConcurrentHashMap<>();
  private volatile int sweepAt = MIN_SWEEP;

  @Override
  public Optional<SSLSession> of(SocketAddress peer) {
    if (!(peer instanceof InetSocketAddress inet)) {
      return Optional.empty();
    }
    // getHostString never resolves: the connection's address object already carries the name
    // Helidon looked up when it made the engine, so the key is found without a DNS query.
    return live(engines.get(key(inet.getHostString(), inet.getPort())))
        .or(() -> onlyEngineOnPort(inet.getPort()))
        .map(SSLEngine::getSession)
        .filter(s -> !"NONE".equals(s.getProtocol()));
  }

  /**
   * The engine of the one live connection from {@code port}, when the host names did not match (the
   * request's peer address may spell the host differently); none when ambiguous.
   */
  private Optional<SSLEngine> onlyEngineOnPort(int port) {
    String suffix = "|" + port;
    java.util.List<SSLEngine> found =
        engines.entrySet().stream()
            .filter(e -> e.getKey().endsWith(suffix))
            .flatMap(e -> live(e.getValue()).stream())
            .limit(2)
            .toList();
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  private static Optional<SSLEngine> live(@Nullable WeakReference<SSLEngine> ref) {
    return Optional.ofNullable(ref).map(WeakReference::get).filter(e -> !e.isOutboundDone());
  }

  private static String key(String host, int port) {
    return host + "|" + port;
  }

  /** {@code base} with every engine it makes for a named peer recorded here. */
  SSLContext wrap(SSLContext base) {
    return new SSLContext(new Spi(base), base.getProvider(), base.getProtocol()) {};
  }

  private void record(String host, int port, SSLEngine engine) {
    engines.put(key(host, port), new WeakReference<>(engine));
    if (engines.size() >= sweepAt) {
      engines.values().removeIf(ref -> live(ref).isEmpty());
      sweepAt = Math.max(MIN_SWEEP, 2 * engines.size());
    }
  }

  private final class Spi extends SSLContextSpi {
    private final SSLContext base;

    Spi(SSLContext base) {
      this.base = base;
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      SSLEngine engine = base.createSSLEngine(host, port);
      if (host != null && port > 0) {
        record(host, port, engine);
      }
      return engine;
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return base.createSSLEngine();
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr)
        throws KeyManagementException {
      base.init(km, tm, sr);
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return base.getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return base.getServerSocketFactory();
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return base.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return base.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return base.getDefaultSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return base.getSupportedSSLParameters();
    }
  }
}
