package dev.coffer.auth.sigv4;

import dev.coffer.auth.sigv4.SignableRequest.Header;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of signing: the request to send and the intermediate values, which tests and
 * debugging compare with what the server computed.
 *
 * @param signedRequest the request with the signing headers (or presigned query) in place
 * @param addedHeaders the headers the signer added, in order ({@code X-Amz-Date}, {@code
 *     X-Amz-Security-Token}, {@code x-amz-content-sha256}, {@code Authorization}); empty when
 *     presigning
 * @param canonicalRequest the canonical request that was signed
 * @param stringToSign the string to sign
 * @param signature the signature, lower-case hex
 */
public record SigningResult(
    SignableRequest signedRequest,
    List<Header> addedHeaders,
    String canonicalRequest,
    String stringToSign,
    String signature) {

  public SigningResult {
    Objects.requireNonNull(signedRequest, "signedRequest");
    addedHeaders = List.copyOf(addedHeaders);
    Objects.requireNonNull(canonicalRequest, "canonicalRequest");
    Objects.requireNonNull(stringToSign, "stringToSign");
    Objects.requireNonNull(signature, "signature");
  }
}
