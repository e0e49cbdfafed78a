package dev.coffer.auth.sigv4.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a request claims about its own signature, read from the {@code Authorization} header or from
 * the {@code X-Amz-*} query parameters of a presigned URL; nothing here is verified yet.
 *
 * @param accessKeyId the access key id from the credential
 * @param scope the credential scope
 * @param signedHeaders the signed header names, lower case, sorted, distinct
 * @param signature the signature as sent (expected: 64 lower-case hex digits)
 * @param amzDate the request timestamp as it enters the string to sign
 * @param time the request timestamp
 * @param expires how long a presigned URL stays valid, if it says so
 * @param sessionToken the {@code X-Amz-Security-Token} sent, if any
 * @param presigned whether the signature came in the query string
 */
public record SignatureInput(
    String accessKeyId,
    CredentialScope scope,
    List<String> signedHeaders,
    String signature,
    String amzDate,
    Instant time,
    Optional<Duration> expires,
    Optional<String> sessionToken,
    boolean presigned) {

  public SignatureInput {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(scope, "scope");
    signedHeaders = List.copyOf(signedHeaders);
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(amzDate, "amzDate");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(sessionToken, "sessionToken");
  }
}
