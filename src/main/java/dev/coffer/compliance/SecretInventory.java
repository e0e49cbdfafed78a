package dev.coffer.compliance;

import java.util.List;
import java.util.Optional;

/**
 * Read-only access to the secrets compliance evaluates: their current state in pages, in a stable
 * order. A port implemented by the server over the secrets' storage.
 */
public interface SecretInventory {
  /**
   * Up to {@code limit} secrets after position {@code after} (0 for the first page), of one account
   * and region or of all when empty.
   */
  Page page(Optional<String> accountId, Optional<String> region, long after, int limit);

  /** The secret with this ARN, if it exists. */
  Optional<SecretState> find(String arn);

  /**
   * One page.
   *
   * @param secrets the secrets
   * @param next the position to continue after; meaningless when {@code secrets} is empty
   */
  record Page(List<SecretState> secrets, long next) {
    public Page {
      secrets = List.copyOf(secrets);
    }
  }
}
