package dev.coffer.protocol;

import dev.coffer.audit.TlsDetails;
import dev.coffer.auth.sigv4.Authenticated;
import dev.coffer.auth.sigv4.SignableRequest;
import dev.coffer.core.RequestContext;
import dev.coffer.core.RequestIds;
import dev.coffer.core.error.RequestEntityTooLargeException;
import dev.coffer.core.error.SerializationException;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What an HTTP endpoint (awsJson or the query protocol) knows of a request before it knows the API:
 * its id (answered as {@code x-amzn-RequestId}), the client's address and user agent, the listener
 * it came through. It starts the call's audit record, reads the body within the limit, and makes
 * the {@link RequestContext} once the signature has named the caller.
 */
final class Arrival {
  private static final HeaderName X_FORWARDED_FOR = HeaderNames.create("X-Forwarded-For");

  final String requestId;
  final String sourceIp;
  final String userAgent;
  final Optional<String> authorization;
  private final ListenerOrigin origin;
  private final Optional<TlsDetails> tls;
  private final boolean secure;

  private Arrival(ServerRequest req, ListenerOrigin origin) {
    this.requestId = RequestIds.next();
    this.sourceIp =
        origin.sourceIp(
            peer(req.remotePeer().address()), req.headers().all(X_FORWARDED_FOR, List::of));
    this.userAgent = req.headers().first(HeaderNames.USER_AGENT).orElse("");
    this.authorization = req.headers().first(HeaderNames.AUTHORIZATION);
    this.origin = origin;
    this.tls = origin.tlsDetails(req);
    this.secure = req.isSecure();
  }

  /** The request {@code req} arriving through {@code origin}; its id goes on {@code res}. */
  static Arrival of(ServerRequest req, ServerResponse res, ListenerOrigin origin) {
    Arrival a = new Arrival(req, origin);
    res.header("x-amzn-RequestId", a.requestId);
    return a;
  }

  /** Starts the audit record of this call to {@code api} (every call gets one, see CallAuditor). */
  CallAuditor.Call audit(CallAuditor auditor, Api api, String target) {
    CallAuditor.Call call =
        auditor.begin(api, target, requestId, sourceIp, userAgent, authorization);
    call.transport(origin.endpointId(), tls);
    return call;
  }

  /** The context operations run in, for the caller {@code auth} names. */
  RequestContext context(Authenticated auth, Clock clock) {
    return new RequestContext(
        requestId,
        clock.instant(),
        auth.caller(),
        auth.region(),
        sourceIp,
        userAgent,
        secure,
        origin.endpointId());
  }

  /** The whole body, refused when it is larger than {@code maxBodyBytes}. */
  static byte[] readBody(ServerRequest req, int maxBodyBytes) {
    long declared = req.headers().contentLength().orElse(-1L);
    if (declared > maxBodyBytes) {
      throw tooLarge(maxBodyBytes);
    }
    if (!req.content().hasEntity()) {
      return new byte[0];
    }
    try (InputStream in = req.content().inputStream()) {
      if (declared >= 0) {
        // The usual case (SDKs always send Content-Length): one array of the exact size, rather
        // than readNBytes's chunked buffers sized for the largest allowed body.
        byte[] body = new byte[(int) declared];
        int n = in.readNBytes(body, 0, body.length);
        if (n < body.length) {
          throw new SerializationException("The request body is shorter than its Content-Length.");
        }
        return body;
      }
      byte[] body = in.readNBytes(maxBodyBytes + 1);
      if (body.length > maxBodyBytes) {
        throw tooLarge(maxBodyBytes);
      }
      return body;
    } catch (IOException e) {
      throw new SerializationException("The request body could not be read.", e);
    }
  }

  /** What SigV4 signed: the method, raw path and query, every header as received, the body. */
  static SignableRequest signable(ServerRequest req, byte[] body) {
    SignableRequest.Builder b =
        SignableRequest.builder(req.prologue().method().text(), req.path().rawPath())
            .rawQuery(req.query().rawValue())
            .body(body);
    for (Header h : req.headers()) {
      for (String v : h.allValues()) {
        b.header(h.name(), v);
      }
    }
    return b.build();
  }

  private static RequestEntityTooLargeException tooLarge(int maxBodyBytes) {
    return new RequestEntityTooLargeException(
        "The request body is larger than the limit of " + maxBodyBytes + " bytes.");
  }

  private static String peer(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      return inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
    }
    return address.toString();
  }
}
