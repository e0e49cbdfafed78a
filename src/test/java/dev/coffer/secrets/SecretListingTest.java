package dev.coffer.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.secrets.SecretListing.Query;
import dev.coffer.secrets.SecretListing.SortBy;
import dev.coffer.secrets.SecretListing.SortOrder;
import dev.coffer.store.SecretRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The order and the token binding of ListSecrets, without a server. */
class SecretListingTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static SecretView secret(String name, long createdSecond, Optional<LocalDate> accessed) {
    SecretRecord r =
        SecretRecord.builder()
            .id(createdSecond)
            .accountId("123456789012")
            .region("us-east-1")
            .name(name)
            .arn("arn:aws:secretsmanager:us-east-1:123456789012:secret:" + name + "-abcdef")
            .createdAt(T0.plusSeconds(createdSecond))
            .lastChangedAt(T0.plusSeconds(100 - createdSecond))
            .lastAccessedDate(accessed)
            .build();
    return new SecretView(r, Optional.empty(), List.of());
  }

  static List<String> sorted(List<SecretView> in, SortBy by, SortOrder order) {
    return in.stream().sorted(SecretListing.order(by, order)).map(SecretView::name).toList();
  }

  @Test
  void order_eachSortKey_sortsByThatKeyAndDescReverses() {
    List<SecretView> in =
        List.of(
            secret("b", 1, Optional.of(LocalDate.of(2026, 3, 1))),
            secret("c", 2, Optional.empty()),
            secret("a", 3, Optional.of(LocalDate.of(2026, 2, 1))));
    assertThat(sorted(in, SortBy.CREATED_DATE, SortOrder.ASC)).containsExactly("b", "c", "a");
    assertThat(sorted(in, SortBy.CREATED_DATE, SortOrder.DESC)).containsExactly("a", "c", "b");
    assertThat(sorted(in, SortBy.NAME, SortOrder.ASC)).containsExactly("a", "b", "c");
    assertThat(sorted(in, SortBy.LAST_CHANGED_DATE, SortOrder.ASC)).containsExactly("a", "c", "b");
    assertThat(sorted(in, SortBy.LAST_ACCESSED_DATE, SortOrder.ASC)).containsExactly("c", "a", "b");
    assertThat(sorted(in, SortBy.LAST_ACCESSED_DATE, SortOrder.DESC))
        .containsExactly("b", "a", "c");
  }

  @Test
  void order_equalKeys_fallBackToCreationThenArn() {
    LocalDate day = LocalDate.of(2026, 2, 1);
    List<SecretView> in =
        List.of(
            secret("late", 5, Optional.of(day)),
            secret("early", 1, Optional.of(day)),
            secret("mid", 3, Optional.of(day)));
    assertThat(sorted(in, SortBy.LAST_ACCESSED_DATE, SortOrder.ASC))
        .containsExactly("early", "mid", "late");
    assertThat(sorted(in, SortBy.LAST_ACCESSED_DATE, SortOrder.DESC))
        .containsExactly("late", "mid", "early");
  }

  @Test
  void binding_differsForEveryPartOfTheQuery() {
    SecretFilters ab = SecretFilters.of(List.of(SecretFilter.of(SecretFilter.Key.NAME, "a", "b")));
    SecretFilters joined =
        SecretFilters.of(List.of(SecretFilter.of(SecretFilter.Key.NAME, "a:1:b")));
    SecretFilters tag =
        SecretFilters.of(List.of(SecretFilter.of(SecretFilter.Key.TAG_KEY, "a", "b")));
    List<String> bindings =
        List.of(
            Query.of(SecretFilters.none()).binding(),
            Query.of(ab).binding(),
            Query.of(joined).binding(),
            Query.of(tag).binding(),
            new Query(true, ab, SortBy.CREATED_DATE, SortOrder.ASC).binding(),
            new Query(false, ab, SortBy.NAME, SortOrder.ASC).binding(),
            new Query(false, ab, SortBy.CREATED_DATE, SortOrder.DESC).binding());
    assertThat(bindings).doesNotHaveDuplicates();
    assertThat(Query.of(ab).binding()).isEqualTo(Query.of(ab).binding());
  }
}
