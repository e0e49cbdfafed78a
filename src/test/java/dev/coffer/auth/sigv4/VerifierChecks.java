package dev.coffer.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.coffer.core.error.InvalidSignatureException;
import dev.coffer.core.error.UnrecognizedClientException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DynamicTest;

/**
 * The checks every signed vector request goes through: the verifier accepts it as signed, and
 * rejects it once one byte of the signature, the body, a signed header or the date changes.
 */
final class VerifierChecks {
  private VerifierChecks() {}

  /**
   * @param expectedCanonicalRequest the canonical request the mismatch message must show; empty
   *     where the vector's differs from the standard form the verifier reports (a presigned URL
   *     whose token was appended after signing)
   */
  static List<DynamicTest> forSignedRequest(
      SignableRequest signed, SigV4Verifier verifier, Optional<String> expectedCanonicalRequest) {
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(
        dynamicTest(
            "verify_signedVectorRequest_accepted",
            () -> {
              Authenticated result = verifier.verify(signed, TestKeys.SERVICE);
              assertThat(result.accessKeyId()).isEqualTo(TestKeys.ACCESS_KEY_ID);
              assertThat(result.caller()).isEqualTo(TestKeys.CALLER);
              assertThat(result.region()).isEqualTo(TestKeys.REGION);
              assertThat(result.service()).isEqualTo(TestKeys.SERVICE);
              assertThat(result.signingTime()).isEqualTo(TestKeys.TIME);
            }));
    tests.add(
        dynamicTest(
            "verify_signatureByteChanged_rejectedShowingVectorCanonicalRequest",
            () ->
                assertThatThrownBy(() -> verifier.verify(flipSignature(signed), TestKeys.SERVICE))
                    .isInstanceOf(InvalidSignatureException.class)
                    .hasMessageStartingWith(
                        "The request signature we calculated does not match the signature you"
                            + " provided.")
                    .hasMessageContaining(
                        "The Canonical String for this request should have been\n'"
                            + expectedCanonicalRequest
                                .map(SigV4Verifier::redactSessionToken)
                                .orElse("")
                            + (expectedCanonicalRequest.isPresent() ? "'\n" : ""))));
    tests.add(
        dynamicTest(
            "verify_bodyChanged_rejected",
            () -> {
              byte[] body =
                  (new String(signed.body(), StandardCharsets.UTF_8) + "!")
                      .getBytes(StandardCharsets.UTF_8);
              assertThatThrownBy(() -> verifier.verify(signed.withBody(body), TestKeys.SERVICE))
                  .isInstanceOf(InvalidSignatureException.class);
            }));
    tests.add(
        dynamicTest(
            "verify_dateChanged_rejected",
            () ->
                assertThatThrownBy(() -> verifier.verify(changeDate(signed), TestKeys.SERVICE))
                    .isInstanceOf(InvalidSignatureException.class)
                    .hasMessageStartingWith("The request signature we calculated")));
    for (String name : signedHeaders(signed)) {
      if (name.equals("x-amz-date")) {
        continue; // covered by the date test, which keeps the date well-formed
      }
      Class<? extends RuntimeException> expected =
          name.equals("x-amz-security-token")
              ? UnrecognizedClientException.class
              : InvalidSignatureException.class;
      tests.add(
          dynamicTest(
              "verify_signedHeaderChanged_rejected[" + name + "]",
              () ->
                  assertThatThrownBy(
                          () -> verifier.verify(changeHeader(signed, name), TestKeys.SERVICE))
                      .isInstanceOf(expected)));
    }
    return tests;
  }

  /** The signed header names, from the Authorization header or X-Amz-SignedHeaders. */
  static List<String> signedHeaders(SignableRequest request) {
    Optional<String> authorization = request.firstHeader("Authorization");
    String list;
    if (authorization.isPresent()) {
      String value = authorization.get();
      int start = value.indexOf("SignedHeaders=") + "SignedHeaders=".length();
      int end = value.indexOf(',', start);
      list = value.substring(start, end);
    } else {
      list = queryParam(request, "X-Amz-SignedHeaders").replace("%3B", ";");
    }
    return List.of(list.split(";"));
  }

  static SignableRequest flipSignature(SignableRequest request) {
    Optional<String> authorization = request.firstHeader("Authorization");
    if (authorization.isPresent()) {
      return HttpMessages.withHeader(request, "Authorization", flipLast(authorization.get()));
    }
    String signature = queryParam(request, "X-Amz-Signature");
    return replaceQueryParam(request, "X-Amz-Signature", flipLast(signature));
  }

  /** Moves the request timestamp one second on, keeping it well-formed and in its day. */
  static SignableRequest changeDate(SignableRequest request) {
    if (request.firstHeader("Authorization").isPresent()) {
      String date = request.firstHeader("X-Amz-Date").orElseThrow().trim();
      return HttpMessages.withHeader(request, "X-Amz-Date", nextSecond(date));
    }
    return replaceQueryParam(request, "X-Amz-Date", nextSecond(queryParam(request, "X-Amz-Date")));
  }

  /** Changes the last non-blank character of the first {@code name} header (or adds one). */
  static SignableRequest changeHeader(SignableRequest request, String name) {
    String value = request.firstHeader(name).orElse("").stripTrailing();
    String changed = value.isEmpty() ? "x" : flipLast(value);
    List<SignableRequest.Header> headers = new ArrayList<>();
    boolean done = false;
    for (SignableRequest.Header header : request.headers()) {
      if (!done && header.name().equalsIgnoreCase(name)) {
        headers.add(new SignableRequest.Header(header.name(), changed));
        done = true;
      } else {
        headers.add(header);
      }
    }
    if (!done) {
      headers.add(new SignableRequest.Header(name, changed));
    }
    return request.withHeaders(headers);
  }

  private static String flipLast(String value) {
    char last = value.charAt(value.length() - 1);
    char replacement = last == '0' ? '1' : last == 'a' ? 'b' : last == 'm' ? 'n' : '0';
    return value.substring(0, value.length() - 1) + replacement;
  }

  private static String nextSecond(String amzDate) {
    return AmzDates.format(AmzDates.parse(amzDate).plusSeconds(1));
  }

  static String queryParam(SignableRequest request, String name) {
    for (String pair : request.rawQuery().split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    throw new AssertionError("no query parameter " + name + " in " + request.rawQuery());
  }

  static SignableRequest replaceQueryParam(SignableRequest request, String name, String value) {
    List<String> pairs = new ArrayList<>();
    for (String pair : request.rawQuery().split("&")) {
      pairs.add(pair.startsWith(name + "=") ? name + "=" + value : pair);
    }
    return request.withRawQuery(String.join("&", pairs));
  }
}
