package dev.coffer.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An account-based configuration aggregator (AWS Config {@code ConfigurationAggregator}): a
 * read-only view of the rules and results of the listed accounts and regions that this server
 * hosts. Authorization between accounts is implied: one server is one trust domain [inferred].
 *
 * @param accountId owning account
 * @param region region of the aggregator
 * @param name ConfigurationAggregatorName
 * @param arn its ARN
 * @param accountIds the source accounts
 * @param allRegions whether every region is included
 * @param regions the source regions when not all
 * @param createdAt CreationTime
 * @param updatedAt LastUpdatedTime
 */
public record ConfigurationAggregator(
    String accountId,
    String region,
    String name,
    String arn,
    List<String> accountIds,
    boolean allRegions,
    List<String> regions,
    Instant createdAt,
    Instant updatedAt) {

  public ConfigurationAggregator {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arn, "arn");
    accountIds = List.copyOf(accountIds);
    regions = List.copyOf(regions);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** Whether results of {@code account} in {@code inRegion} are in this view. */
  public boolean covers(String account, String inRegion) {
    return accountIds.contains(account) && (allRegions || regions.contains(inRegion));
  }
}
