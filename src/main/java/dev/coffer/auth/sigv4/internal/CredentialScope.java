package dev.coffer.auth.sigv4.internal;

import java.util.Objects;

/**
 * The credential scope {@code YYYYMMDD/region/service/aws4_request} (AWS SigV4, "Create a string to
 * sign"): it binds the signing key to one day, region and service.
 *
 * @param date the day, {@code yyyyMMdd}
 * @param region the region, e.g. {@code us-east-1}
 * @param service the signing name, e.g. {@code secretsmanager}
 */
public record CredentialScope(String date, String region, String service) {
  public static final String TERMINATOR = "aws4_request";

  public CredentialScope {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(service, "service");
  }

  /** The scope as it appears in the string to sign and after the access key id. */
  @Override
  public String toString() {
    return date + "/" + region + "/" + service + "/" + TERMINATOR;
  }
}
