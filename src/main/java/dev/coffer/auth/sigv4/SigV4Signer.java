package dev.coffer.auth.sigv4;

import dev.coffer.auth.sigv4.SignableRequest.Header;
import dev.coffer.auth.sigv4.internal.AmzDate;
import dev.coffer.auth.sigv4.internal.CanonicalRequests;
import dev.coffer.auth.sigv4.internal.CredentialScope;
import dev.coffer.auth.sigv4.internal.Hashing;
import dev.coffer.auth.sigv4.internal.SigningKeyCache;
import dev.coffer.auth.sigv4.internal.UriEncoding;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Signs requests with AWS Signature Version 4, for Coffer's own clients (CLI, load harness, tests).
 *
 * <p>Like botocore, it signs every header the request carries except those a proxy or the HTTP
 * stack may change ({@code User-Agent}, {@code Expect}, hop-by-hop headers, {@code
 * X-Amzn-Trace-Id}); for a Secrets Manager call that is {@code content-type;host;x-amz-date;
 * x-amz-target} plus {@code x-amz-security-token} with temporary credentials. The request must
 * carry the {@code Host} header the HTTP client will send ({@link SignableRequest.Builder#uri} sets
 * it). Clients that may not set {@code Host} themselves, such as {@code java.net.http}, send the
 * same value from the URI.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SigV4Signer {
  /** Headers never signed: the HTTP stack or proxies may add, drop or rewrite them in transit. */
  private static final Set<String> UNSIGNED =
      Set.of(
          "authorization",
          "user-agent",
          "expect",
          "x-amzn-trace-id",
          "connection",
          "keep-alive",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  private final Credentials credentials;
  private final String region;
  private final String service;
  private final CanonicalOptions canonicalOptions;
  private final boolean signSessionToken;
  private final boolean addContentSha256;
  private final SigningKeyCache signingKeys = new SigningKeyCache(64);

  private SigV4Signer(Builder builder) {
    this.credentials = builder.credentials;
    this.region = builder.region;
    this.service = builder.service;
    this.canonicalOptions = builder.canonicalOptions;
    this.signSessionToken = builder.signSessionToken;
    this.addContentSha256 = builder.addContentSha256;
  }

  /** A builder signing as {@code credentials} for {@code service} in {@code region}. */
  public static Builder builder(Credentials credentials, String region, String service) {
    return new Builder(credentials, region, service);
  }

  /** A signer with the default options. */
  public static SigV4Signer of(Credentials credentials, String region, String service) {
    return builder(credentials, region, service).build();
  }

  /**
   * Signs {@code request} as of {@code time} with an {@code Authorization} header (AWS SigV4, "Add
   * the signature to the HTTP request"). Signing headers already present are replaced, so a retried
   * request can be signed again.
   *
   * @throws IllegalArgumentException the request has no {@code Host} header
   */
  public SigningResult sign(SignableRequest request, Instant time) {
    String amzDate = AmzDate.format(time);
    CredentialScope scope = new CredentialScope(amzDate.substring(0, 8), region, service);
    boolean hasToken = credentials.sessionToken().isPresent();
    String bodyHash = Hashing.sha256Hex(request.bodyUnsafe());

    List<Header> kept = new ArrayList<>();
    for (Header header : request.headers()) {
      String name = header.name();
      boolean replaced =
          name.equalsIgnoreCase("Authorization")
              || name.equalsIgnoreCase("X-Amz-Date")
              || (hasToken && name.equalsIgnoreCase("X-Amz-Security-Token"))
              || (addContentSha256 && name.equalsIgnoreCase("x-amz-content-sha256"));
      if (!replaced) {
        kept.add(header);
      }
    }
    List<Header> added = new ArrayList<>();
    added.add(new Header("X-Amz-Date", amzDate));
    if (hasToken && signSessionToken) {
      added.add(new Header("X-Amz-Security-Token", credentials.sessionToken().get()));
    }
    if (addContentSha256) {
      added.add(new Header("x-amz-content-sha256", bodyHash));
    }
    List<Header> headers = new ArrayList<>(kept);
    headers.addAll(added);

    List<String> signedNames = signedNames(headers);
    String canonicalRequest =
        CanonicalRequests.canonicalRequest(
            request.method(),
            request.rawPath(),
            request.rawQuery(),
            headers,
            signedNames,
            bodyHash,
            canonicalOptions,
            CanonicalRequests.Omit.NOTHING);
    String stringToSign = CanonicalRequests.stringToSign(amzDate, scope, canonicalRequest);
    String signature = sign(scope, stringToSign);

    if (hasToken && !signSessionToken) {
      added.add(new Header("X-Amz-Security-Token", credentials.sessionToken().get()));
    }
    added.add(
        new Header(
            "Authorization",
            CanonicalRequests.ALGORITHM
                + " Credential="
                + credentials.accessKeyId()
                + "/"
                + scope
                + ", SignedHeaders="
                + String.join(";", signedNames)
                + ", Signature="
                + signature));
    List<Header> finalHeaders = new ArrayList<>(kept);
    finalHeaders.addAll(added);
    return new SigningResult(
        request.withHeaders(finalHeaders), added, canonicalRequest, stringToSign, signature);
  }

  /**
   * Presigns {@code request} as of {@code time}: the signature goes into the query string, valid
   * for {@code expires} (AWS SigV4, "Authentication using query parameters").
   *
   * @throws IllegalArgumentException no {@code Host} header, or {@code expires} is outside 1 s to 7
   *     days
   */
  public SigningResult presign(SignableRequest request, Instant time, Duration expires) {
    long seconds = expires.toSeconds();
    if (seconds < 1 || seconds > 604_800) {
      throw new IllegalArgumentException("expires must be from 1 second to 7 days: " + expires);
    }
    String amzDate = AmzDate.format(time);
    CredentialScope scope = new CredentialScope(amzDate.substring(0, 8), region, service);
    List<String> signedNames = signedNames(request.headers());
    StringBuilder query = new StringBuilder(request.rawQuery());
    appendParam(query, "X-Amz-Algorithm", CanonicalRequests.ALGORITHM);
    appendParam(query, "X-Amz-Credential", credentials.accessKeyId() + "/" + scope);
    appendParam(query, "X-Amz-Date", amzDate);
    appendParam(query, "X-Amz-Expires", Long.toString(seconds));
    appendParam(query, "X-Amz-SignedHeaders", String.join(";", signedNames));
    if (signSessionToken && credentials.sessionToken().isPresent()) {
      appendParam(query, "X-Amz-Security-Token", credentials.sessionToken().get());
    }
    String canonicalRequest =
        CanonicalRequests.canonicalRequest(
            request.method(),
            request.rawPath(),
            query.toString(),
            request.headers(),
            signedNames,
            Hashing.sha256Hex(request.bodyUnsafe()),
            canonicalOptions,
            CanonicalRequests.Omit.SIGNATURE);
    String stringToSign = CanonicalRequests.stringToSign(amzDate, scope, canonicalRequest);
    String signature = sign(scope, stringToSign);
    if (!signSessionToken && credentials.sessionToken().isPresent()) {
      appendParam(query, "X-Amz-Security-Token", credentials.sessionToken().get());
    }
    appendParam(query, CanonicalRequests.SIGNATURE_PARAM, signature);
    return new SigningResult(
        request.withRawQuery(query.toString()),
        List.of(),
        canonicalRequest,
        stringToSign,
        signature);
  }

  private String sign(CredentialScope scope, String stringToSign) {
    byte[] mac =
        signingKeys
            .signingMac(credentials.accessKeyId(), credentials.secretAccessKey(), scope)
            .doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
    return Hashing.hex(mac);
  }

  private static List<String> signedNames(List<Header> headers) {
    TreeSet<String> names = new TreeSet<>();
    for (Header header : headers) {
      String name = header.name().trim().toLowerCase(Locale.ROOT);
      if (!UNSIGNED.contains(name)) {
        names.add(name);
      }
    }
    if (!names.contains("host")) {
      throw new IllegalArgumentException(
          "the request must carry the Host header it will be sent with");
    }
    return new ArrayList<>(names);
  }

  private static void appendParam(StringBuilder query, String name, String value) {
    if (!query.isEmpty()) {
      query.append('&');
    }
    query.append(name).append('=');
    UriEncoding.encodeLiteral(value, false, query);
  }

  /** Options of a {@link SigV4Signer}. */
  public static final class Builder {
    private final Credentials credentials;
    private final String region;
    private final String service;
    private CanonicalOptions canonicalOptions = CanonicalOptions.STANDARD;
    private boolean signSessionToken = true;
    private boolean addContentSha256 = false;

    private Builder(Credentials credentials, String region, String service) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      this.region = Objects.requireNonNull(region, "region");
      this.service = Objects.requireNonNull(service, "service");
    }

    /** How the canonical URI is formed; default {@link CanonicalOptions#STANDARD}. */
    public Builder canonicalOptions(CanonicalOptions value) {
      this.canonicalOptions = Objects.requireNonNull(value, "canonicalOptions");
      return this;
    }

    /**
     * Whether the session token is part of the signature (default) or added after signing, as some
     * services expect (the "post-sts-header-after" vectors).
     */
    public Builder signSessionToken(boolean value) {
      this.signSessionToken = value;
      return this;
    }

    /** Whether to send and sign {@code x-amz-content-sha256} (header signing only); default no. */
    public Builder addContentSha256(boolean value) {
      this.addContentSha256 = value;
      return this;
    }

    public SigV4Signer build() {
      return new SigV4Signer(this);
    }
  }
}
