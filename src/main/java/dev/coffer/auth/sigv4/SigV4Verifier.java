package dev.coffer.auth.sigv4;

import dev.coffer.auth.sigv4.internal.AmzDate;
import dev.coffer.auth.sigv4.internal.CanonicalRequests;
import dev.coffer.auth.sigv4.internal.Hashing;
import dev.coffer.auth.sigv4.internal.SignatureInput;
import dev.coffer.auth.sigv4.internal.SignatureInputs;
import dev.coffer.auth.sigv4.internal.SigningKeyCache;
import dev.coffer.core.error.AccessDeniedException;
import dev.coffer.core.error.IncompleteSignatureException;
import dev.coffer.core.error.InvalidSignatureException;
import dev.coffer.core.error.MissingAuthenticationTokenException;
import dev.coffer.core.error.UnrecognizedClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;

/**
 * Verifies AWS Signature Version 4 on incoming requests, in the {@code Authorization} header or in
 * the query string of a presigned URL, and answers failures with the error codes and messages AWS
 * services use.
 *
 * <p>Checks run cheapest first and never consult the credential store for a request that is
 * malformed, aimed at another service or outside the clock-skew window. Signatures are compared in
 * constant time. Instances are immutable and thread-safe; share one per server.
 *
 * <p>A signature mismatch is reported as AWS reports it, with the expected canonical request and
 * string to sign, except that a session token in the canonical request is shown as {@code
 * <redacted>}: it is a credential, and error messages may be logged.
 *
 * <p>An expired presigned URL is answered with {@link AccessDeniedException} ("Request has
 * expired"), the code Amazon S3 uses for it; a presigned URL without {@code X-Amz-Expires} is held
 * to the same clock-skew window as a header-signed request.
 */
public final class SigV4Verifier {
  /** The skew real Secrets Manager allows between the request time and its own clock. */
  public static final Duration DEFAULT_ALLOWED_SKEW = Duration.ofMinutes(5);

  private static final String INVALID_TOKEN =
      "The security token included in the request is invalid.";
  private static final String MISMATCH =
      "The request signature we calculated does not match the signature you provided. Check your"
          + " AWS Secret Access Key and signing method. Consult the service documentation for"
          + " details.";
  private static final String CONTENT_SHA256 = "x-amz-content-sha256";
  private static final String REDACTED = "<redacted>";

  private final CredentialLookup credentials;
  private final Clock clock;
  private final Duration allowedSkew;
  private final CanonicalOptions canonicalOptions;
  private final SigningKeyCache signingKeys;

  /** A verifier allowing the default 5 minutes of clock skew. */
  public SigV4Verifier(CredentialLookup credentials, Clock clock) {
    this(credentials, clock, DEFAULT_ALLOWED_SKEW);
  }

  /** A verifier allowing {@code allowedSkew} between request time and {@code clock}. */
  public SigV4Verifier(CredentialLookup credentials, Clock clock, Duration allowedSkew) {
    this(builder(credentials).clock(clock).allowedSkew(allowedSkew));
  }

  private SigV4Verifier(Builder builder) {
    this.credentials = builder.credentials;
    this.clock = builder.clock;
    this.allowedSkew = builder.allowedSkew;
    this.canonicalOptions = builder.canonicalOptions;
    this.signingKeys = new SigningKeyCache(builder.signingKeyCacheSize);
  }

  /** A builder over {@code credentials}; the clock defaults to the system UTC clock. */
  public static Builder builder(CredentialLookup credentials) {
    return new Builder(credentials);
  }

  /**
   * Verifies {@code request}'s signature for {@code expectedService} (the signing name, e.g. {@code
   * secretsmanager}).
   *
   * @throws MissingAuthenticationTokenException the request carries no SigV4 authentication
   * @throws IncompleteSignatureException the authentication is malformed or incomplete
   * @throws InvalidSignatureException wrong scope, stale or future date, or signature mismatch
   * @throws UnrecognizedClientException unknown access key, or wrong or missing session token
   * @throws AccessDeniedException a presigned URL has expired
   */
  public Authenticated verify(SignableRequest request, String expectedService) {
    Optional<String> authorization = request.firstHeader("Authorization");
    boolean queryAuth = SignatureInputs.hasQueryAuthentication(request.rawQuery());
    if (authorization.isEmpty() && !queryAuth) {
      throw new MissingAuthenticationTokenException("Missing Authentication Token");
    }
    if (authorization.isPresent() && queryAuth) {
      throw new IncompleteSignatureException(
          "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the"
              + " Authorization header should be specified.");
    }
    SignatureInput input =
        authorization.isPresent()
            ? SignatureInputs.fromHeader(authorization.get(), request)
            : SignatureInputs.fromQuery(request);

    checkScope(input, expectedService);
    checkTime(input);
    SigningCredential credential =
        credentials
            .find(input.accessKeyId())
            .orElseThrow(() -> new UnrecognizedClientException(INVALID_TOKEN));
    checkSessionToken(credential, input);

    String payloadHash = payloadHash(request, input);
    CanonicalRequests.Omit omit =
        input.presigned() ? CanonicalRequests.Omit.SIGNATURE : CanonicalRequests.Omit.NOTHING;
    String canonicalRequest = canonicalRequest(request, input, payloadHash, omit);
    String stringToSign =
        CanonicalRequests.stringToSign(input.amzDate(), input.scope(), canonicalRequest);
    Mac signingMac =
        signingKeys.signingMac(
            credential.accessKeyId(), credential.secretAccessKey(), input.scope());
    byte[] provided = decodeSignature(input.signature());
    if (!MessageDigest.isEqual(sign(signingMac, stringToSign), provided)
        && !(input.presigned()
            && input.sessionToken().isPresent()
            && matchesWithTokenAppendedAfterSigning(
                request, input, payloadHash, signingMac, provided))) {
      throw new InvalidSignatureException(
          MISMATCH
              + "\n\nThe Canonical String for this request should have been\n'"
              + redactSessionToken(canonicalRequest)
              + "'\n\nThe String-to-Sign should have been\n'"
              + stringToSign
              + "'\n");
    }
    return new Authenticated(
        credential.caller(),
        credential.accessKeyId(),
        input.scope().region(),
        input.scope().service(),
        input.time());
  }

  /**
   * A presigned URL may carry its session token outside the signature, appended after signing
   * (aws-c-auth "post-sts-header-after"), just as a header-signed request may send the token header
   * unsigned. The token is still checked against the credential, so accepting this form grants
   * nothing the signed form would not.
   */
  private boolean matchesWithTokenAppendedAfterSigning(
      SignableRequest request,
      SignatureInput input,
      String payloadHash,
      Mac signingMac,
      byte[] provided) {
    String canonicalRequest =
        canonicalRequest(request, input, payloadHash, CanonicalRequests.Omit.SIGNATURE_AND_TOKEN);
    String stringToSign =
        CanonicalRequests.stringToSign(input.amzDate(), input.scope(), canonicalRequest);
    return MessageDigest.isEqual(sign(signingMac, stringToSign), provided);
  }

  private String canonicalRequest(
      SignableRequest request,
      SignatureInput input,
      String payloadHash,
      CanonicalRequests.Omit omit) {
    return CanonicalRequests.canonicalRequest(
        request.method(),
        request.rawPath(),
        request.rawQuery(),
        request.headers(),
        input.signedHeaders(),
        payloadHash,
        canonicalOptions,
        omit);
  }

  private static byte[] sign(Mac signingMac, String stringToSign) {
    // doFinal resets the engine, so the same keyed Mac can sign a second candidate.
    return signingMac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The canonical request as the mismatch message shows it: AWS echoes it whole, but a session
   * token is a credential and error messages may end up in logs, so its value is masked.
   */
  static String redactSessionToken(String canonicalRequest) {
    StringBuilder out = new StringBuilder(canonicalRequest.length());
    for (String line : canonicalRequest.split("\n", -1)) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      if (line.startsWith("x-amz-security-token:")) {
        out.append("x-amz-security-token:").append(REDACTED);
        continue;
      }
      int param = line.indexOf(CanonicalRequests.TOKEN_PARAM + "=");
      if (param == 0 || (param > 0 && line.charAt(param - 1) == '&')) {
        int valueStart = param + CanonicalRequests.TOKEN_PARAM.length() + 1;
        int valueEnd = line.indexOf('&', valueStart);
        out.append(line, 0, valueStart)
            .append(REDACTED)
            .append(valueEnd < 0 ? "" : line.substring(valueEnd));
        continue;
      }
      out.append(line);
    }
    return out.toString();
  }

  private static void checkScope(SignatureInput input, String expectedService) {
    if (!input.scope().service().equals(expectedService)) {
      throw new InvalidSignatureException(
          "Credential should be scoped to correct service: '" + expectedService + "'. ");
    }
    // The scope date picks the signing key; it must be the day of the signed timestamp.
    String requestDay = input.amzDate().substring(0, 8);
    if (!input.scope().date().equals(requestDay)) {
      throw new InvalidSignatureException(
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from"
              + " HTTP: '"
              + input.scope().date()
              + "' != '"
              + requestDay
              + "', from '"
              + input.amzDate()
              + "'.");
    }
  }

  /**
   * Rejects timestamps outside now ± skew (a captured request cannot be replayed later), and
   * presigned URLs past their {@code X-Amz-Expires}. Whole seconds, as the timestamp has.
   */
  private void checkTime(SignatureInput input) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant time = input.time();
    if (time.isAfter(now.plus(allowedSkew))) {
      throw new InvalidSignatureException(
          "Signature not yet current: "
              + input.amzDate()
              + " is still later than "
              + AmzDate.format(now.plus(allowedSkew))
              + " ("
              + AmzDate.format(now)
              + " + "
              + describe(allowedSkew)
              + ")");
    }
    if (input.expires().isPresent()) {
      Instant expiry = time.plus(input.expires().get());
      if (now.isAfter(expiry)) {
        throw new AccessDeniedException(
            "Request has expired: it was valid until "
                + AmzDate.format(expiry)
                + " (X-Amz-Date "
                + input.amzDate()
                + " + X-Amz-Expires "
                + input.expires().get().toSeconds()
                + "), and it is now "
                + AmzDate.format(now)
                + ".");
      }
    } else if (time.isBefore(now.minus(allowedSkew))) {
      throw new InvalidSignatureException(
          "Signature expired: "
              + input.amzDate()
              + " is now earlier than "
              + AmzDate.format(now.minus(allowedSkew))
              + " ("
              + AmzDate.format(now)
              + " - "
              + describe(allowedSkew)
              + ")");
    }
  }

  /**
   * Temporary credentials are only valid together with their session token; a token sent with
   * long-term keys is just as wrong. Both answer as an unknown key would, revealing nothing.
   */
  private static void checkSessionToken(SigningCredential credential, SignatureInput input) {
    Optional<String> sent = input.sessionToken().map(String::trim);
    Optional<String> required = credential.sessionToken();
    boolean matches =
        required.isPresent() == sent.isPresent()
            && (required.isEmpty()
                || MessageDigest.isEqual(
                    required.get().getBytes(StandardCharsets.UTF_8),
                    sent.orElse("").getBytes(StandardCharsets.UTF_8)));
    if (!matches) {
      throw new UnrecognizedClientException(INVALID_TOKEN);
    }
  }

  /**
   * The payload hash: the body's SHA-256, or the signed {@code x-amz-content-sha256} value (AWS
   * SigV4, "Create a canonical request", HashedPayload). A signed value must describe the body
   * actually received, otherwise a signature would cover a body other than the one processed; this
   * also refuses {@code UNSIGNED-PAYLOAD}: a secrets service authenticates every body.
   */
  private static String payloadHash(SignableRequest request, SignatureInput input) {
    String bodyHash = Hashing.sha256Hex(request.bodyUnsafe());
    if (!input.signedHeaders().contains(CONTENT_SHA256)) {
      return bodyHash;
    }
    String claimed = request.firstHeader(CONTENT_SHA256).map(String::trim).orElse("");
    if (!claimed.equalsIgnoreCase(bodyHash)) {
      throw new InvalidSignatureException(
          "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    return claimed;
  }

  /** The signature's bytes, or an empty array (which never matches) when it is not hex. */
  private static byte[] decodeSignature(String hex) {
    if (hex.length() != 64) {
      return new byte[0];
    }
    try {
      return HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  private static String describe(Duration skew) {
    return skew.toSecondsPart() == 0 ? skew.toMinutes() + " min." : skew.toSeconds() + " sec.";
  }

  /** Options of a {@link SigV4Verifier}. */
  public static final class Builder {
    private final CredentialLookup credentials;
    private Clock clock = Clock.systemUTC();
    private Duration allowedSkew = DEFAULT_ALLOWED_SKEW;
    private CanonicalOptions canonicalOptions = CanonicalOptions.STANDARD;
    private int signingKeyCacheSize = 4096;

    private Builder(CredentialLookup credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** The clock requests are judged against. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** How far request time may be from the clock, either way; default 5 minutes. */
    public Builder allowedSkew(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("allowedSkew must not be negative: " + value);
      }
      this.allowedSkew = value;
      return this;
    }

    /** How the canonical URI is formed; default {@link CanonicalOptions#STANDARD}. */
    public Builder canonicalOptions(CanonicalOptions value) {
      this.canonicalOptions = Objects.requireNonNull(value, "canonicalOptions");
      return this;
    }

    /** How many derived signing keys to keep; default 4096. */
    public Builder signingKeyCacheSize(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("signingKeyCacheSize must be positive: " + value);
      }
      this.signingKeyCacheSize = value;
      return this;
    }

    public SigV4Verifier build() {
      return new SigV4Verifier(this);
    }
  }
}
