package dev.coffer.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the layers below the protocol know about one request: who sent it, where, when, and in which
 * region. It carries no HTTP types.
 *
 * @param requestId unique id of the request, returned as {@code x-amzn-RequestId}
 * @param time when the server received the request
 * @param caller the authenticated principal
 * @param region the region of the request, taken from the SigV4 credential scope
 * @param sourceIp the peer's address
 * @param userAgent the client's User-Agent, empty when absent
 * @param secureTransport whether the request arrived over TLS ({@code aws:SecureTransport})
 * @param sourceVpce the private endpoint id of the listener, if it has one ({@code aws:SourceVpce})
 */
public record RequestContext(
    String requestId,
    Instant time,
    Caller caller,
    String region,
    String sourceIp,
    String userAgent,
    boolean secureTransport,
    Optional<String> sourceVpce) {

  public RequestContext {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(sourceIp, "sourceIp");
    Objects.requireNonNull(userAgent, "userAgent");
    Objects.requireNonNull(sourceVpce, "sourceVpce");
  }

  /** The account the request acts in: the caller's own. */
  public String accountId() {
    return caller.accountId();
  }
}
