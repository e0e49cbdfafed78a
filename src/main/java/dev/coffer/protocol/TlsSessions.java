package dev.coffer.protocol;

import java.net.SocketAddress;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * The TLS sessions of a listener's open connections, by the client's address and port: Helidon does
 * not hand the request handler its connection's session, so the listener's TLS context keeps track
 * of them (see {@code server.TlsSessionRegistry}).
 */
@FunctionalInterface
public interface TlsSessions {
  /** The session of the open connection from {@code peer}, if the listener knows it. */
  Optional<SSLSession> of(SocketAddress peer);

  /** A listener that keeps no track (plain HTTP, or tests). */
  static TlsSessions none() {
    return peer -> Optional.empty();
  }
}
