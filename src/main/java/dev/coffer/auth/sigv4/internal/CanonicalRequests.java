package dev.coffer.auth.sigv4.internal;

import dev.coffer.auth.sigv4.CanonicalOptions;
import dev.coffer.auth.sigv4.SignableRequest.Header;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the SigV4 canonical request and string to sign (AWS SigV4, "Create a canonical request"
 * and "Create a string to sign"). The signer and the verifier both go through here, so a request
 * the signer produced canonicalizes identically on the server.
 */
public final class CanonicalRequests {
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";
  public static final String SIGNATURE_PARAM = "X-Amz-Signature";
  public static final String TOKEN_PARAM = "X-Amz-Security-Token";

  /** Which authentication parameters a presigned request leaves out of its canonical query. */
  public enum Omit {
    /** Header signing: the query is canonicalized whole. */
    NOTHING,
    /** Presigned: the signature cannot sign itself. */
    SIGNATURE,
    /** Presigned with the session token appended after signing ("post-sts-header-after"). */
    SIGNATURE_AND_TOKEN
  }

  private static final Comparator<String[]> BY_KEY_THEN_VALUE =
      Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]);

  private CanonicalRequests() {}

  /**
   * The canonical request: method, canonical URI, canonical query, canonical headers, signed header
   * list and payload hash, one per line.
   *
   * @param signedNames the signed header names, lower case, sorted, without duplicates
   * @param omit the authentication parameters to leave out of the canonical query
   */
  public static String canonicalRequest(
      String method,
      String rawPath,
      String rawQuery,
      List<Header> headers,
      List<String> signedNames,
      String payloadHash,
      CanonicalOptions options,
      Omit omit) {
    StringBuilder out = new StringBuilder(256);
    out.append(method).append('\n');
    out.append(canonicalUri(rawPath, options)).append('\n');
    appendCanonicalQuery(rawQuery, omit, out);
    out.append('\n');
    appendCanonicalHeaders(headers, signedNames, out);
    out.append('\n');
    out.append(String.join(";", signedNames)).append('\n');
    out.append(payloadHash);
    return out.toString();
  }

  /** The string to sign: algorithm, timestamp, credential scope and the canonical request hash. */
  public static String stringToSign(
      String amzDate, CredentialScope scope, String canonicalRequest) {
    return ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + Hashing.sha256Hex(canonicalRequest);
  }

  /** The canonical URI of {@code rawPath}; an empty path is {@code /}. */
  public static String canonicalUri(String rawPath, CanonicalOptions options) {
    String path = rawPath.isEmpty() ? "/" : rawPath;
    if (options.normalizePath()) {
      path = normalizePath(path);
    }
    return options.encodePath() ? UriEncoding.encodeLiteral(path, true) : path;
  }

  /**
   * Removes {@code .} and {@code ..} segments as RFC 3986 §5.2.4 does and collapses empty segments,
   * keeping a trailing slash; {@code //example//} becomes {@code /example/} as the normalize-path
   * vectors require.
   */
  static String normalizePath(String path) {
    if (!needsNormalizing(path)) {
      return path;
    }
    List<String> kept = new ArrayList<>();
    String last = "";
    int start = 0;
    while (start <= path.length()) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      last = path.substring(start, end);
      if (last.equals("..")) {
        if (!kept.isEmpty()) {
          kept.remove(kept.size() - 1);
        }
      } else if (!last.isEmpty() && !last.equals(".")) {
        kept.add(last);
      }
      start = end + 1;
    }
    StringBuilder out = new StringBuilder(path.length());
    for (String segment : kept) {
      out.append('/').append(segment);
    }
    boolean endsAsDirectory = last.isEmpty() || last.equals(".") || last.equals("..");
    if (kept.isEmpty() || endsAsDirectory) {
      out.append('/');
    }
    return out.toString();
  }

  /**
   * Whether {@code path} has an empty, {@code .} or {@code ..} segment or lacks a leading slash.
   */
  private static boolean needsNormalizing(String path) {
    if (path.isEmpty() || path.charAt(0) != '/') {
      return true;
    }
    int length = path.length();
    for (int i = 1; i < length; i++) {
      if (path.charAt(i - 1) != '/') {
        continue;
      }
      char c = path.charAt(i);
      if (c == '/') {
        return true;
      }
      if (c == '.') {
        int dots = (i + 1 < length && path.charAt(i + 1) == '.') ? 2 : 1;
        if (i + dots == length || path.charAt(i + dots) == '/') {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Appends the canonical query string: each parameter decoded and re-encoded with SigV4 rules,
   * {@code key=value} even for an empty value, sorted by encoded key and then encoded value.
   */
  static void appendCanonicalQuery(String rawQuery, Omit omit, StringBuilder out) {
    if (rawQuery.isEmpty()) {
      return;
    }
    List<String[]> params = new ArrayList<>();
    StringBuilder scratch = new StringBuilder(32);
    int start = 0;
    while (start <= rawQuery.length()) {
      int amp = rawQuery.indexOf('&', start);
      int end = amp < 0 ? rawQuery.length() : amp;
      if (end > start) {
        int eq = rawQuery.indexOf('=', start);
        int keyEnd = eq < 0 || eq > end ? end : eq;
        scratch.setLength(0);
        UriEncoding.encodeQueryComponent(rawQuery, start, keyEnd, scratch);
        String key = scratch.toString();
        scratch.setLength(0);
        if (keyEnd < end) {
          UriEncoding.encodeQueryComponent(rawQuery, keyEnd + 1, end, scratch);
        }
        boolean omitted =
            (omit != Omit.NOTHING && key.equals(SIGNATURE_PARAM))
                || (omit == Omit.SIGNATURE_AND_TOKEN && key.equals(TOKEN_PARAM));
        if (!omitted) {
          params.add(new String[] {key, scratch.toString()});
        }
      }
      start = end + 1;
    }
    params.sort(BY_KEY_THEN_VALUE);
    for (int i = 0; i < params.size(); i++) {
      if (i > 0) {
        out.append('&');
      }
      out.append(params.get(i)[0]).append('=').append(params.get(i)[1]);
    }
  }

  /** The canonical query string of {@code rawQuery}; see {@link #appendCanonicalQuery}. */
  public static String canonicalQuery(String rawQuery, Omit omit) {
    StringBuilder out = new StringBuilder(rawQuery.length() + 16);
    appendCanonicalQuery(rawQuery, omit, out);
    return out.toString();
  }

  /**
   * Appends {@code name:value\n} for each signed header: values trimmed with inner whitespace runs
   * (line folds included) collapsed to one space, repeated headers joined with commas in arrival
   * order. A signed header the request lacks is written with an empty value; the signature check
   * then fails and the caller sees the canonical request that was expected.
   */
  static void appendCanonicalHeaders(
      List<Header> headers, List<String> signedNames, StringBuilder out) {
    for (String name : signedNames) {
      out.append(name).append(':');
      boolean first = true;
      for (Header header : headers) {
        if (header.name().equalsIgnoreCase(name)) {
          if (!first) {
            out.append(',');
          }
          appendFolded(header.value(), out);
          first = false;
        }
      }
      out.append('\n');
    }
  }

  private static void appendFolded(String value, StringBuilder out) {
    boolean pendingSpace = false;
    boolean wroteAny = false;
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pendingSpace = wroteAny;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
        wroteAny = true;
      }
    }
  }
}
