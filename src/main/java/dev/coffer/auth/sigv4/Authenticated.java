package dev.coffer.auth.sigv4;

import dev.coffer.core.Caller;
import java.time.Instant;
import java.util.Objects;

/**
 * A request whose SigV4 signature checked out.
 *
 * @param caller the principal the access key belongs to
 * @param accessKeyId the access key that signed the request
 * @param region the region named in the credential scope
 * @param service the service named in the credential scope
 * @param signingTime the request timestamp ({@code X-Amz-Date}) the signature covers
 */
public record Authenticated(
    Caller caller, String accessKeyId, String region, String service, Instant signingTime) {

  public Authenticated {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(signingTime, "signingTime");
  }
}
