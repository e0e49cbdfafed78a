package dev.coffer.secrets;

import dev.coffer.core.RequestContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * ListSecrets (AWS API Reference, ListSecrets; behaviour.md §10): the secrets of the caller's
 * account in the request's Region that pass the filters, in the requested order, one page at a
 * time. BatchGetSecretValue with {@code Filters} selects its secrets the same way.
 *
 * <p>Decisions where AWS is silent:
 *
 * <ul>
 *   <li>The default order is ascending (oldest first): the documentation says only that secrets are
 *       listed by CreatedDate. Ascending also keeps page boundaries steady while secrets are being
 *       created, because new secrets join the end.
 *   <li>Equal sort keys are ordered by creation time and then by ARN, so every listing has one
 *       total order and a page boundary never falls between two secrets that could swap places.
 *   <li>{@code last-accessed-date}: a secret that was never read sorts before every read one in
 *       ascending order (and after them in descending order), as if it was read at the beginning of
 *       time.
 *   <li>Pages are cut by position in that order. A secret created or deleted between two calls can
 *       shift the boundary of the next page; AWS documents the listing as eventually consistent and
 *       promises nothing stronger.
 * </ul>
 */
public final class SecretListing {
  /** ListSecrets without MaxResults returns at most this many secrets (AWS is silent). */
  public static final int DEFAULT_PAGE_SIZE = 100;

  /** MaxResultsType: 1..100. */
  public static final int MAX_PAGE_SIZE = 100;

  private final SecretsService secrets;

  public SecretListing(SecretsService secrets) {
    this.secrets = secrets;
  }

  /** SortByType, in the model's order. */
  public enum SortBy {
    CREATED_DATE("created-date"),
    LAST_ACCESSED_DATE("last-accessed-date"),
    LAST_CHANGED_DATE("last-changed-date"),
    NAME("name");

    private final String wireName;

    SortBy(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    /** The wire names, for the model's enum check. */
    public static List<String> wireNames() {
      return Arrays.stream(values()).map(SortBy::wireName).toList();
    }

    public static Optional<SortBy> fromWireName(String name) {
      return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
  }

  /** SortOrderType. */
  public enum SortOrder {
    ASC,
    DESC;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> wireNames() {
      return Arrays.stream(values()).map(SortOrder::wireName).toList();
    }

    public static Optional<SortOrder> fromWireName(String name) {
      return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
    }
  }

  /**
   * What to list.
   *
   * @param includePlannedDeletion whether secrets scheduled for deletion are listed
   * @param filters the filters every listed secret passes
   * @param sortBy the sort key
   * @param order the direction
   */
  public record Query(
      boolean includePlannedDeletion, SecretFilters filters, SortBy sortBy, SortOrder order) {
    public Query {
      Objects.requireNonNull(filters, "filters");
      Objects.requireNonNull(sortBy, "sortBy");
      Objects.requireNonNull(order, "order");
    }

    /** The defaults: active secrets only, no filter, oldest first. */
    public static Query of(SecretFilters filters) {
      return new Query(false, filters, SortBy.CREATED_DATE, SortOrder.ASC);
    }

    /**
     * Everything that decides the listing's order and content, as an unambiguous string (every
     * variable part is length-prefixed), for binding pagination tokens to the query.
     */
    public String binding() {
      StringBuilder b = new StringBuilder();
      b.append(includePlannedDeletion).append('|').append(sortBy.wireName());
      b.append('|').append(order.wireName());
      for (SecretFilter f : filters.filters()) {
        b.append("|f").append(f.key().wireName()).append(':').append(f.values().size());
        for (String v : f.values()) {
          b.append(':').append(v.length()).append(':').append(v);
        }
      }
      return b.toString();
    }
  }

  /**
   * One page.
   *
   * @param secrets the secrets on this page, in order
   * @param nextOffset where the next page starts; empty when this is the last page
   */
  public record Page(List<SecretView> secrets, OptionalInt nextOffset) {
    public Page {
      secrets = List.copyOf(secrets);
    }
  }

  /**
   * The page of {@code query}'s listing that starts at {@code offset} and holds at most {@code
   * pageSize} secrets. An offset past the end gives an empty last page.
   */
  public Page page(RequestContext ctx, Query query, int offset, int pageSize) {
    if (offset < 0 || pageSize < 1) {
      throw new IllegalArgumentException("offset must be >= 0 and pageSize >= 1");
    }
    // ListSecrets has no resource (§4.7): a caller allowed it sees every secret of the account
    // and region, as in AWS; BatchGetSecretValue with Filters needs it too.
    secrets.access().authorizeWithoutResource(ctx, SecretAccess.Check.of("ListSecrets"));
    List<SecretView> all = list(ctx, query);
    int from = Math.min(offset, all.size());
    int to = Math.min(all.size(), from + pageSize);
    return new Page(
        all.subList(from, to), to < all.size() ? OptionalInt.of(to) : OptionalInt.empty());
  }

  /** Every secret {@code query} selects, in its order. */
  public List<SecretView> list(RequestContext ctx, Query query) {
    return secrets
        .store()
        .read(tx ->
            tx.secrets().list(ctx.accountId(), ctx.region()).stream()
                .filter(s -> query.includePlannedDeletion() || !s.scheduledForDeletion())
                .map(s -> secrets.view(tx, s))
                .filter(query.filters()::matches)
                .sorted(order(query.sortBy(), query.order()))
                .toList());
  }

  static Comparator<SecretView> order(SortBy sortBy, SortOrder direction) {
    Comparator<SecretView> byKey =
        switch (sortBy) {
          case CREATED_DATE -> Comparator.comparing(SecretView::createdDate);
          case LAST_CHANGED_DATE -> Comparator.comparing(SecretView::lastChangedDate);
          case NAME -> Comparator.comparing(SecretView::name);
          case LAST_ACCESSED_DATE ->
              Comparator.comparing(
                  (SecretView s) -> s.lastAccessedDate().orElse(LocalDate.MIN),
                  Comparator.naturalOrder());
        };
    Comparator<SecretView> total =
        byKey
            .thenComparing(SecretView::createdDate, Comparator.<Instant>naturalOrder())
            .thenComparing(SecretView::arn);
    return direction == SortOrder.ASC ? total : total.reversed();
  }
}
