package dev.coffer.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.auth.sigv4.internal.CanonicalRequests;
import dev.coffer.auth.sigv4.internal.CredentialScope;
import dev.coffer.auth.sigv4.internal.Hashing;
import dev.coffer.core.error.AccessDeniedException;
import dev.coffer.core.error.CofferException;
import dev.coffer.core.error.IncompleteSignatureException;
import dev.coffer.core.error.InvalidSignatureException;
import dev.coffer.core.error.MissingAuthenticationTokenException;
import dev.coffer.core.error.UnrecognizedClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The verifier's answers to each kind of bad request: AWS error code and message. */
class SigV4VerifierTest {
  private static final String SERVICE = "secretsmanager";
  private static final Instant T = TestKeys.TIME;
  private static final String MISMATCH =
      "The request signature we calculated does not match the signature you provided. Check your"
          + " AWS Secret Access Key and signing method. Consult the service documentation for"
          + " details.";
  private static final String INVALID_TOKEN =
      "The security token included in the request is invalid.";

  private static SignableRequest getSecretValue() {
    return SignableRequest.builder("POST", "/")
        .header("Host", "secretsmanager.us-east-1.amazonaws.com")
        .header("Content-Type", "application/x-amz-json-1.1")
        .header("X-Amz-Target", "secretsmanager.GetSecretValue")
        .body("{\"SecretId\":\"prod/db\"}")
        .build();
  }

  private static SigV4Signer signer(String region, String service) {
    return SigV4Signer.of(Credentials.of(TestKeys.ACCESS_KEY_ID, TestKeys.SECRET), region, service);
  }

  private static SigningResult signed() {
    return signer("us-east-1", SERVICE).sign(getSecretValue(), T);
  }

  private static SigV4Verifier verifierAt(Instant now) {
    return new SigV4Verifier(TestKeys.lookup(), Clock.fixed(now, ZoneOffset.UTC));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertVerify(
      SignableRequest request) {
    return assertThatThrownBy(() -> verifierAt(T).verify(request, SERVICE));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertAuthorization(
      String authorization) {
    return assertVerify(
        HttpMessages.withHeader(signed().signedRequest(), "Authorization", authorization));
  }

  private static String errorCode(Throwable e) {
    return ((CofferException) e).errorCode();
  }

  @Test
  void verify_signedRequest_returnsCallerRegionServiceAndTime() {
    SigningResult result = signer("eu-west-1", SERVICE).sign(getSecretValue(), T);

    Authenticated authenticated = verifierAt(T).verify(result.signedRequest(), SERVICE);

    assertThat(authenticated)
        .isEqualTo(
            new Authenticated(TestKeys.CALLER, TestKeys.ACCESS_KEY_ID, "eu-west-1", SERVICE, T));
  }

  @Test
  void verify_noAuthorizationAndNoQueryAuth_missingAuthenticationToken() {
    assertVerify(getSecretValue())
        .isInstanceOf(MissingAuthenticationTokenException.class)
        .hasMessage("Missing Authentication Token")
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("MissingAuthenticationTokenException"));
  }

  @Test
  void verify_authorizationWithoutAnyParameterOrDate_incompleteSignatureListingEachPart() {
    SignableRequest request =
        HttpMessages.withoutHeader(
            HttpMessages.withHeader(signed().signedRequest(), "Authorization", "AWS4-HMAC-SHA256"),
            "X-Amz-Date");

    assertVerify(request)
        .isInstanceOf(IncompleteSignatureException.class)
        .hasMessage(
            "Authorization header requires 'Credential' parameter. Authorization header requires"
                + " 'Signature' parameter. Authorization header requires 'SignedHeaders'"
                + " parameter. Authorization header requires existence of either a 'X-Amz-Date'"
                + " or a 'Date' header. Authorization=AWS4-HMAC-SHA256")
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("IncompleteSignatureException"));
  }

  @Test
  void verify_authorizationWithoutCredential_incompleteSignatureNamingCredential() {
    String authorization =
        "AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64);
    assertAuthorization(authorization)
        .isInstanceOf(IncompleteSignatureException.class)
        .hasMessage(
            "Authorization header requires 'Credential' parameter. Authorization=" + authorization);
  }

  @Test
  void verify_authorizationWithoutSignedHeaders_incompleteSignatureNamingSignedHeaders() {
    assertAuthorization(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/secretsmanager/aws4_request,"
                + " Signature=abc")
        .isInstanceOf(IncompleteSignatureException.class)
        .hasMessageStartingWith("Authorization header requires 'SignedHeaders' parameter. ");
  }

  @Test
  void verify_authorizationWithoutSignature_incompleteSignatureNamingSignature() {
    assertAuthorization(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/secretsmanager/aws4_request,"
                + " SignedHeaders=host;x-amz-date")
        .isInstanceOf(IncompleteSignatureException.class)
        .hasMessageStartingWith("Authorization header requires 'Signature' parameter. ");
  }

  @Test
  void verify_noDateHeader_incompleteSignatureNamingBothDateHeaders() {
    SignableRequest request = HttpMessages.withoutHeader(signed().signedRequest(), "X-Amz-Date");

    assertVerify(request)
        .isInstanceOf(IncompleteSignatureException.class)
        .hasMessageStartingWith(
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date'"
                + " header. Authorization=AWS4-HMAC-SHA256 Credential=");
  }

  @Test
  void verify_otherAlgorithm_incompleteSignature() {
    assertAuthorization("AWS4-HMAC-SHA512 Credential=a/b/c/d/aws4_request")
        .isInstanceOf(IncompleteSignatureException.class)
        .hasMessageContaining("'AWS4-HMAC-SHA512'");
  }

  @Test
  void verify_bearerToken_incompleteSignature() {
    assertAuthorization("Bearer abc.def")
        .isInstanceOf(IncompleteSignatureException.class)
        .hasMessageContaining("'Bearer'");
  }

  @Test
  void verify_parameterWithoutEqualSign_incompleteSignatureQuotingIt() {
    String authorization =
        "AWS4-HMAC-SHA256 Credential AKIDEXAMPLE/20150830/us-east-1/secretsmanager/aws4_request,"
            + " SignedHeaders=host, Signature=abc";
    assertAuthorization(authorization)
        .isInstanceOf(IncompleteSignatureException.class)
        .hasMessage(
            "'Credential AKIDEXAMPLE/20150830/us-east-1/secretsmanager/aws4_request' not a valid"
                + " key=value pair (missing equal-sign) in Authorization header: '"
                + authorization
                + "'.");
  }

  @Test
  void verify_credentialScopeMissingPart_incompleteSignature() {
    assertAuthorization(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/aws4_request,"
                + " SignedHeaders=host;x-amz-date, Signature=abc")
        .isInstanceOf(IncompleteSignatureException.class)
        .hasMessageStartingWith("Credential is malformed");
  }

  @Test
  void verify_credentialScopeWrongTerminator_incompleteSignature() {
    assertAuthorization(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/secretsmanager/aws5_request,"
                + " SignedHeaders=host;x-amz-date, Signature=abc")
        .isInstanceOf(IncompleteSignatureException.class)
        .hasMessage(
            "Credential should be scoped with a valid terminator: 'aws4_request', not"
                + " 'aws5_request'. ");
  }

  @Test
  void verify_credentialScopeBadDate_incompleteSignature() {
    assertAuthorization(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/2015-08-30/us-east-1/secretsmanager/"
                + "aws4_request, SignedHeaders=host;x-amz-date, Signature=abc")
        .isInstanceOf(IncompleteSignatureException.class)
        .hasMessageContaining("'2015-08-30'");
  }

  @Test
  void verify_hostNotSigned_incompleteSignature() {
    assertAuthorization(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/secretsmanager/"
                + "aws4_request, SignedHeaders=x-amz-date;x-amz-target, Signature=abc")
        .isInstanceOf(IncompleteSignatureException.class)
        .hasMessage("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }

  @Test
  void verify_malformedAmzDate_incompleteSignature() {
    assertVerify(HttpMessages.withHeader(signed().signedRequest(), "X-Amz-Date", "2015-08-30"))
        .isInstanceOf(IncompleteSignatureException.class)
        .hasMessageStartingWith("Date must be in ISO-8601 'basic format'. Got '2015-08-30'.");
  }

  @Test
  void verify_scopeForOtherService_invalidSignatureNamingExpectedService() {
    SigningResult kms = signer("us-east-1", "kms").sign(getSecretValue(), T);

    assertVerify(kms.signedRequest())
        .isInstanceOf(InvalidSignatureException.class)
        .hasMessage("Credential should be scoped to correct service: 'secretsmanager'. ")
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidSignatureException"));
  }

  @Test
  void verify_scopeDateNotRequestDate_invalidSignatureNamingBothDates() {
    SignableRequest request =
        HttpMessages.withHeader(signed().signedRequest(), "X-Amz-Date", "20150831T000100Z");

    assertThatThrownBy(
            () -> verifierAt(Instant.parse("2015-08-31T00:00:00Z")).verify(request, SERVICE))
        .isInstanceOf(InvalidSignatureException.class)
        .hasMessage(
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from"
                + " HTTP: '20150830' != '20150831', from '20150831T000100Z'.");
  }

  @Test
  void verify_unknownAccessKey_unrecognizedClient() {
    SigningResult result =
        SigV4Signer.of(Credentials.of("AKIDUNKNOWN", TestKeys.SECRET), "us-east-1", SERVICE)
            .sign(getSecretValue(), T);

    assertVerify(result.signedRequest())
        .isInstanceOf(UnrecognizedClientException.class)
        .hasMessage(INVALID_TOKEN)
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("UnrecognizedClientException"));
  }

  @Test
  void verify_temporaryCredentialWithoutToken_unrecognizedClient() {
    SigV4Verifier verifier =
        new SigV4Verifier(TestKeys.lookup(Optional.of("session-token")), TestKeys.CLOCK);

    assertThatThrownBy(() -> verifier.verify(signed().signedRequest(), SERVICE))
        .isInstanceOf(UnrecognizedClientException.class)
        .hasMessage(INVALID_TOKEN);
  }

  @Test
  void verify_temporaryCredentialWithOtherToken_unrecognizedClient() {
    SigV4Verifier verifier =
        new SigV4Verifier(TestKeys.lookup(Optional.of("session-token")), TestKeys.CLOCK);
    SigningResult result =
        SigV4Signer.of(
                Credentials.of(TestKeys.ACCESS_KEY_ID, TestKeys.SECRET, "session-tokeN"),
                "us-east-1",
                SERVICE)
            .sign(getSecretValue(), T);

    assertThatThrownBy(() -> verifier.verify(result.signedRequest(), SERVICE))
        .isInstanceOf(UnrecognizedClientException.class)
        .hasMessage(INVALID_TOKEN);
  }

  @Test
  void verify_temporaryCredentialWithItsToken_accepted() {
    SigV4Verifier verifier =
        new SigV4Verifier(TestKeys.lookup(Optional.of("session-token")), TestKeys.CLOCK);
    SigningResult result =
        SigV4Signer.of(
                Credentials.of(TestKeys.ACCESS_KEY_ID, TestKeys.SECRET, "session-token"),
                "us-east-1",
                SERVICE)
            .sign(getSecretValue(), T);

    assertThat(verifier.verify(result.signedRequest(), SERVICE).accessKeyId())
        .isEqualTo(TestKeys.ACCESS_KEY_ID);
  }

  @Test
  void verify_tokenSentForLongTermCredential_unrecognizedClient() {
    SigningResult result =
        SigV4Signer.of(
                Credentials.of(TestKeys.ACCESS_KEY_ID, TestKeys.SECRET, "stray-token"),
                "us-east-1",
                SERVICE)
            .sign(getSecretValue(), T);

    assertVerify(result.signedRequest())
        .isInstanceOf(UnrecognizedClientException.class)
        .hasMessage(INVALID_TOKEN);
  }

  @Test
  void verify_wrongSecret_invalidSignatureWithCanonicalStringAndStringToSign() {
    SigningResult result =
        SigV4Signer.of(
                Credentials.of(TestKeys.ACCESS_KEY_ID, "not-the-secret"), "us-east-1", SERVICE)
            .sign(getSecretValue(), T);

    assertVerify(result.signedRequest())
        .isInstanceOf(InvalidSignatureException.class)
        .hasMessage(
            MISMATCH
                + "\n\nThe Canonical String for this request should have been\n'"
                + result.canonicalRequest()
                + "'\n\nThe String-to-Sign should have been\n'"
                + result.stringToSign()
                + "'\n");
  }

  @Test
  void verify_mismatchWithSessionToken_messageMasksToken() {
    SigV4Verifier verifier =
        new SigV4Verifier(TestKeys.lookup(Optional.of("secret-session-token")), TestKeys.CLOCK);
    SigV4Signer wrongSecret =
        SigV4Signer.of(
            Credentials.of(TestKeys.ACCESS_KEY_ID, "not-the-secret", "secret-session-token"),
            "us-east-1",
            SERVICE);
    SignableRequest signed = wrongSecret.sign(getSecretValue(), T).signedRequest();
    SignableRequest presigned =
        wrongSecret.presign(getSecretValue(), T, Duration.ofMinutes(1)).signedRequest();

    assertThatThrownBy(() -> verifier.verify(signed, SERVICE))
        .isInstanceOf(InvalidSignatureException.class)
        .hasMessageContaining("\nx-amz-security-token:<redacted>\n")
        .message()
        .doesNotContain("secret-session-token");
    assertThatThrownBy(() -> verifier.verify(presigned, SERVICE))
        .isInstanceOf(InvalidSignatureException.class)
        .hasMessageContaining("&X-Amz-Security-Token=<redacted>&X-Amz-SignedHeaders=")
        .message()
        .doesNotContain("secret-session-token");
  }

  @Test
  void verify_signatureNotHex_invalidSignature() {
    String authorization = signed().signedRequest().firstHeader("Authorization").orElseThrow();
    String broken = authorization.substring(0, authorization.length() - 64) + "z".repeat(64);

    assertAuthorization(broken)
        .isInstanceOf(InvalidSignatureException.class)
        .hasMessageStartingWith(MISMATCH);
  }

  @Test
  void verify_secretReissuedUnderSameKeyId_oldSignatureRejectedDespiteCachedKey() {
    Map<String, String> secrets = new HashMap<>(Map.of(TestKeys.ACCESS_KEY_ID, TestKeys.SECRET));
    CredentialLookup lookup =
        id ->
            Optional.ofNullable(secrets.get(id))
                .map(s -> new SigningCredential(id, s, TestKeys.CALLER, Optional.empty()));
    SigV4Verifier verifier = new SigV4Verifier(lookup, TestKeys.CLOCK);
    SignableRequest request = signed().signedRequest();
    verifier.verify(request, SERVICE);

    secrets.put(TestKeys.ACCESS_KEY_ID, "a-new-secret");

    assertThatThrownBy(() -> verifier.verify(request, SERVICE))
        .isInstanceOf(InvalidSignatureException.class);
  }

  @Test
  void verify_signedContentSha256NotMatchingBody_invalidSignature() {
    SigV4Signer signer =
        SigV4Signer.builder(
                Credentials.of(TestKeys.ACCESS_KEY_ID, TestKeys.SECRET), "us-east-1", SERVICE)
            .addContentSha256(true)
            .build();
    SignableRequest request =
        signer.sign(getSecretValue(), T).signedRequest().withBody(new byte[1]);

    assertVerify(request)
        .isInstanceOf(InvalidSignatureException.class)
        .hasMessage("The provided 'x-amz-content-sha256' header does not match what was computed.");
  }

  @Test
  void verify_signedUnsignedPayloadMarker_invalidSignature() {
    SignableRequest request =
        HttpMessages.withHeader(getSecretValue(), "x-amz-content-sha256", "UNSIGNED-PAYLOAD");
    SignableRequest signed = signer("us-east-1", SERVICE).sign(request, T).signedRequest();

    assertVerify(signed).isInstanceOf(InvalidSignatureException.class);
  }

  @Test
  void verify_signedContentSha256MatchingBody_accepted() {
    SigV4Signer signer =
        SigV4Signer.builder(
                Credentials.of(TestKeys.ACCESS_KEY_ID, TestKeys.SECRET), "us-east-1", SERVICE)
            .addContentSha256(true)
            .build();

    assertThat(verifierAt(T).verify(signer.sign(getSecretValue(), T).signedRequest(), SERVICE))
        .isNotNull();
  }

  @Test
  void verify_dateHeaderInsteadOfAmzDate_accepted() {
    // No SDK signs this way any more, but SigV4 allows the HTTP Date header as the timestamp.
    SignableRequest request =
        HttpMessages.withHeader(getSecretValue(), "Date", "Sun, 30 Aug 2015 12:36:00 GMT");
    List<String> signedNames = List.of("content-type", "date", "host", "x-amz-target");
    String canonical =
        CanonicalRequests.canonicalRequest(
            "POST",
            "/",
            "",
            request.headers(),
            signedNames,
            Hashing.sha256Hex(request.body()),
            CanonicalOptions.STANDARD,
            CanonicalRequests.Omit.NOTHING);
    CredentialScope scope = new CredentialScope("20150830", "us-east-1", SERVICE);
    String stringToSign = CanonicalRequests.stringToSign("20150830T123600Z", scope, canonical);
    String signature =
        Hashing.hex(
            Hashing.hmac(
                Hashing.deriveSigningKey(TestKeys.SECRET, "20150830", "us-east-1", SERVICE),
                stringToSign));
    SignableRequest signed =
        HttpMessages.withHeader(
            request,
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"
                + scope
                + ", SignedHeaders=content-type;date;host;x-amz-target, Signature="
                + signature);

    assertThat(verifierAt(T).verify(signed, SERVICE).signingTime()).isEqualTo(T);
  }

  @Test
  void verify_headerAndQueryAuthentication_incompleteSignature() {
    SignableRequest signed = signed().signedRequest();
    SignableRequest both =
        signed.withRawQuery("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc");

    assertVerify(both)
        .isInstanceOf(IncompleteSignatureException.class)
        .hasMessageStartingWith("Only one auth mechanism allowed");
  }

  @Test
  void verify_presignedWithoutSignature_incompleteSignatureNamingParameter() {
    SignableRequest presigned =
        signer("us-east-1", SERVICE)
            .presign(getSecretValue(), T, Duration.ofMinutes(5))
            .signedRequest();
    SignableRequest stripped =
        presigned.withRawQuery(presigned.rawQuery().replaceAll("&X-Amz-Signature=[0-9a-f]+", ""));

    assertVerify(stripped)
        .isInstanceOf(IncompleteSignatureException.class)
        .hasMessage(
            "AWS query-string parameters must include 'X-Amz-Signature'. Re-examine the"
                + " query-string parameters.");
  }

  @Test
  void verify_presignedExpiresOutOfRange_incompleteSignature() {
    SignableRequest presigned =
        signer("us-east-1", SERVICE)
            .presign(getSecretValue(), T, Duration.ofMinutes(5))
            .signedRequest();

    for (String expires : List.of("0", "604801", "-1", "ten")) {
      SignableRequest changed =
          presigned.withRawQuery(
              presigned.rawQuery().replace("X-Amz-Expires=300", "X-Amz-Expires=" + expires));
      assertVerify(changed)
          .isInstanceOf(IncompleteSignatureException.class)
          .hasMessageContaining("X-Amz-Expires");
    }
  }

  @Test
  void verify_presignedWithinExpiry_accepted() {
    SignableRequest presigned =
        signer("us-east-1", SERVICE)
            .presign(getSecretValue(), T, Duration.ofHours(1))
            .signedRequest();

    // Long past the 5-minute skew but within X-Amz-Expires: presigned URLs are meant for later.
    assertThat(verifierAt(T.plusSeconds(3600)).verify(presigned, SERVICE).signingTime())
        .isEqualTo(T);
  }

  @Test
  void verify_presignedPastExpiry_accessDenied() {
    SignableRequest presigned =
        signer("us-east-1", SERVICE)
            .presign(getSecretValue(), T, Duration.ofHours(1))
            .signedRequest();

    assertThatThrownBy(() -> verifierAt(T.plusSeconds(3601)).verify(presigned, SERVICE))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage(
            "Request has expired: it was valid until 20150830T133600Z (X-Amz-Date"
                + " 20150830T123600Z + X-Amz-Expires 3600), and it is now 20150830T133601Z.")
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDeniedException"));
  }

  @Test
  void verify_presignedDatedBeyondSkewInFuture_invalidSignature() {
    SignableRequest presigned =
        signer("us-east-1", SERVICE)
            .presign(getSecretValue(), T, Duration.ofHours(1))
            .signedRequest();

    assertThatThrownBy(() -> verifierAt(T.minusSeconds(301)).verify(presigned, SERVICE))
        .isInstanceOf(InvalidSignatureException.class)
        .hasMessageStartingWith("Signature not yet current: 20150830T123600Z");
  }
}
