package dev.coffer.auth.sigv4;

/**
 * How the canonical URI is formed from the raw path.
 *
 * <p>AWS SigV4 ("Create a canonical request", CanonicalURI): every service but Amazon S3 normalizes
 * the path (RFC 3986 §5.2.4 dot-segment removal, plus collapsing empty segments) and URI-encodes
 * the already encoded path a second time; S3 uses the path as sent. The aws-c-auth test suite
 * exercises encoding without normalization too ({@code "normalize": false}).
 *
 * @param normalizePath remove {@code .}/{@code ..} segments and repeated slashes
 * @param encodePath URI-encode the raw path (again) when forming the canonical URI
 */
public record CanonicalOptions(boolean normalizePath, boolean encodePath) {

  /** What every AWS service except S3 expects, Secrets Manager and KMS included. */
  public static final CanonicalOptions STANDARD = new CanonicalOptions(true, true);

  /** Amazon S3: the raw path is the canonical URI. */
  public static final CanonicalOptions S3 = new CanonicalOptions(false, false);
}
