package dev.coffer.auth.sigv4.internal;

import dev.coffer.auth.sigv4.SignableRequest;
import dev.coffer.core.error.IncompleteSignatureException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads a {@link SignatureInput} from a request, failing with {@link IncompleteSignatureException}
 * and AWS's wording when a part is missing or malformed. Plain string scanning, no regular
 * expressions: this runs on every request.
 */
public final class SignatureInputs {
  /** Longest lifetime of a presigned request: seven days, as AWS allows. */
  static final long MAX_EXPIRES_SECONDS = 604_800;

  private static final String TOKEN = "X-Amz-Security-Token";

  private SignatureInputs() {}

  /** Whether {@code rawQuery} carries query-string authentication ({@code X-Amz-Algorithm}). */
  public static boolean hasQueryAuthentication(String rawQuery) {
    // The substring test keeps header-signed requests with a query from decoding it; a client
    // that percent-encodes the parameter name is answered as unauthenticated, failing closed.
    return rawQuery.contains("X-Amz-Algorithm")
        && decodeQuery(rawQuery).containsKey("X-Amz-Algorithm");
  }

  /** Reads header authentication from the {@code Authorization} value and the date headers. */
  public static SignatureInput fromHeader(String authorization, SignableRequest request) {
    String value = authorization.trim();
    int space = value.indexOf(' ');
    String algorithm = space < 0 ? value : value.substring(0, space);
    if (!algorithm.equals(CanonicalRequests.ALGORITHM)) {
      throw new IncompleteSignatureException(
          "Unsupported AWS 'algorithm': '"
              + algorithm
              + "'. Only '"
              + CanonicalRequests.ALGORITHM
              + "' is accepted.");
    }
    Map<String, String> params = new HashMap<>();
    for (String part : (space < 0 ? "" : value.substring(space + 1)).split(",")) {
      String pair = part.trim();
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new IncompleteSignatureException(
            "'"
                + pair
                + "' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                + value
                + "'.");
      }
      params.putIfAbsent(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    Optional<String> amzDate = request.firstHeader("X-Amz-Date").map(String::trim);
    Optional<String> httpDate = request.firstHeader("Date");

    // AWS lists every missing part at once and echoes the header (observed on JSON services).
    StringBuilder missing = new StringBuilder();
    for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
      if (params.getOrDefault(name, "").isEmpty()) {
        missing.append("Authorization header requires '").append(name).append("' parameter. ");
      }
    }
    if (amzDate.isEmpty() && httpDate.isEmpty()) {
      missing.append(
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
    }
    if (!missing.isEmpty()) {
      throw new IncompleteSignatureException(missing + "Authorization=" + value);
    }

    String[] credential = parseCredential(params.getOrDefault("Credential", ""));
    List<String> signedHeaders = parseSignedHeaders(params.getOrDefault("SignedHeaders", ""));
    Instant time;
    String timestamp;
    if (amzDate.isPresent()) {
      timestamp = amzDate.get();
      time = AmzDate.parse(timestamp).orElseThrow(() -> badIsoDate(timestamp));
    } else {
      String date = httpDate.orElse("");
      time =
          AmzDate.parseHttpDate(date)
              .orElseThrow(() ->
                  new IncompleteSignatureException(
                      "Date must be in RFC 1123 format. Got '" + date + "'."));
      timestamp = AmzDate.format(time);
    }
    return new SignatureInput(
        credential[0],
        new CredentialScope(credential[1], credential[2], credential[3]),
        signedHeaders,
        params.getOrDefault("Signature", ""),
        timestamp,
        time,
        Optional.empty(),
        request.firstHeader(TOKEN),
        false);
  }

  /** Reads query-string (presigned) authentication from {@code request}'s query parameters. */
  public static SignatureInput fromQuery(SignableRequest request) {
    Map<String, String> params = decodeQuery(request.rawQuery());
    StringBuilder missing = new StringBuilder();
    for (String name :
        List.of(
            "X-Amz-Algorithm",
            "X-Amz-Credential",
            "X-Amz-Signature",
            "X-Amz-SignedHeaders",
            "X-Amz-Date")) {
      if (params.getOrDefault(name, "").isEmpty()) {
        missing.append("AWS query-string parameters must include '").append(name).append("'. ");
      }
    }
    if (!missing.isEmpty()) {
      throw new IncompleteSignatureException(missing + "Re-examine the query-string parameters.");
    }
    String algorithm = params.getOrDefault("X-Amz-Algorithm", "");
    if (!algorithm.equals(CanonicalRequests.ALGORITHM)) {
      throw new IncompleteSignatureException(
          "Unsupported AWS 'algorithm': '"
              + algorithm
              + "'. Only '"
              + CanonicalRequests.ALGORITHM
              + "' is accepted.");
    }
    String[] credential = parseCredential(params.getOrDefault("X-Amz-Credential", ""));
    List<String> signedHeaders = parseSignedHeaders(params.getOrDefault("X-Amz-SignedHeaders", ""));
    String timestamp = params.getOrDefault("X-Amz-Date", "");
    Instant time = AmzDate.parse(timestamp).orElseThrow(() -> badIsoDate(timestamp));
    Optional<Duration> expires =
        Optional.ofNullable(params.get("X-Amz-Expires")).map(SignatureInputs::parseExpires);
    Optional<String> token =
        Optional.ofNullable(params.get(TOKEN)).or(() -> request.firstHeader(TOKEN));
    return new SignatureInput(
        credential[0],
        new CredentialScope(credential[1], credential[2], credential[3]),
        signedHeaders,
        params.getOrDefault("X-Amz-Signature", ""),
        timestamp,
        time,
        expires,
        token,
        true);
  }

  /** Splits {@code AKID/YYYYMMDD/region/service/aws4_request} into its five parts. */
  private static String[] parseCredential(String credential) {
    String[] parts = credential.split("/", -1);
    if (parts.length != 5 || parts[0].isEmpty() || parts[3].isEmpty()) {
      throw new IncompleteSignatureException(
          "Credential is malformed: expected '<access key id>/YYYYMMDD/<region>/<service>/"
              + CredentialScope.TERMINATOR
              + "', got '"
              + credential
              + "'.");
    }
    if (!parts[4].equals(CredentialScope.TERMINATOR)) {
      throw new IncompleteSignatureException(
          "Credential should be scoped with a valid terminator: '"
              + CredentialScope.TERMINATOR
              + "', not '"
              + parts[4]
              + "'. ");
    }
    if (parts[1].length() != 8 || !parts[1].chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IncompleteSignatureException(
          "Credential date must be in the form YYYYMMDD, not '" + parts[1] + "'.");
    }
    if (parts[2].isEmpty()) {
      throw new IncompleteSignatureException("Credential should be scoped to a valid region. ");
    }
    return parts;
  }

  /** Lower-cases, sorts and de-duplicates the list, and insists that the host is signed. */
  private static List<String> parseSignedHeaders(String list) {
    TreeSet<String> names = new TreeSet<>();
    for (String name : list.split(";")) {
      String trimmed = name.trim();
      if (!trimmed.isEmpty()) {
        names.add(trimmed.toLowerCase(Locale.ROOT));
      }
    }
    // SigV4 requires the host (":authority" in HTTP/2) among the signed headers, which binds
    // the signature to the endpoint it was meant for.
    if (!names.contains("host") && !names.contains(":authority")) {
      throw new IncompleteSignatureException(
          "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }
    return new ArrayList<>(names);
  }

  private static Duration parseExpires(String text) {
    long seconds = -1;
    if (!text.isEmpty() && text.length() <= 7 && text.chars().allMatch(Character::isDigit)) {
      seconds = Long.parseLong(text);
    }
    if (seconds < 1 || seconds > MAX_EXPIRES_SECONDS) {
      throw new IncompleteSignatureException(
          "X-Amz-Expires must be a whole number of seconds from 1 to "
              + MAX_EXPIRES_SECONDS
              + " (7 days); got '"
              + text
              + "'.");
    }
    return Duration.ofSeconds(seconds);
  }

  private static IncompleteSignatureException badIsoDate(String text) {
    return new IncompleteSignatureException(
        "Date must be in ISO-8601 'basic format'. Got '"
            + text
            + "'. See http://en.wikipedia.org/wiki/ISO_8601");
  }

  /** The query parameters, decoded; the first occurrence of a name wins. */
  static Map<String, String> decodeQuery(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    int start = 0;
    while (start <= rawQuery.length()) {
      int amp = rawQuery.indexOf('&', start);
      int end = amp < 0 ? rawQuery.length() : amp;
      if (end > start) {
        int eq = rawQuery.indexOf('=', start);
        int keyEnd = eq < 0 || eq > end ? end : eq;
        String key = UriEncoding.decodeQueryComponent(rawQuery, start, keyEnd);
        String value =
            keyEnd < end ? UriEncoding.decodeQueryComponent(rawQuery, keyEnd + 1, end) : "";
        params.putIfAbsent(key, value);
      }
      start = end + 1;
    }
    return params;
  }
}
