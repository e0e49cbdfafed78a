package dev.coffer.core.iam;

import java.time.Instant;
import java.util.Objects;

/**
 * When and where an access key last signed a request (IAM's {@code AccessKeyLastUsed}).
 *
 * @param when when the request was received
 * @param region the region of its credential scope
 * @param service the service of its credential scope, e.g. {@code secretsmanager}
 */
public record AccessKeyLastUse(Instant when, String region, String service) {
  public AccessKeyLastUse {
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(service, "service");
  }

  /** The later of the two. */
  public AccessKeyLastUse latest(AccessKeyLastUse other) {
    return other.when.isAfter(when) ? other : this;
  }
}
