package dev.coffer.secrets;

import dev.coffer.core.RequestContext;
import dev.coffer.store.SecretRecord;
import dev.coffer.store.SecretRepository;
import java.util.Optional;

/**
 * Finds the secret a SecretId names: a full ARN, a partial ARN (without the 6-character suffix) or
 * a name in the caller's account and the request's region (AWS API Reference, SecretIdType).
 */
final class SecretResolver {
  private SecretResolver() {}

  static Optional<SecretRecord> resolve(
      SecretRepository repo, RequestContext ctx, String secretId, boolean forUpdate) {
    Optional<SecretArns.Parsed> arn = SecretArns.parse(secretId);
    if (arn.isEmpty()) {
      return repo.findByName(ctx.accountId(), ctx.region(), secretId, forUpdate);
    }
    SecretArns.Parsed p = arn.get();
    if (!p.region().equals(ctx.region())) {
      // Regional endpoints see only their own region's secrets.
      return Optional.empty();
    }
    Optional<SecretRecord> exact = repo.findByArn(secretId, forUpdate);
    if (exact.isPresent()) {
      return exact;
    }
    // A partial ARN ends with the plain name.
    return repo.findByName(p.accountId(), p.region(), p.resource(), forUpdate);
  }
}
