package dev.coffer.protocol.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.testing.Backend;
import dev.coffer.testing.TestServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.InvalidNextTokenException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.secretsmanager.model.SortByType;
import software.amazon.awssdk.services.secretsmanager.model.SortOrderType;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * ListSecrets and BatchGetSecretValue through the AWS SDK for Java v2, on each backend. The server
 * is shared by the tests, so every test creates secrets under its own name prefix and filters on
 * it; the other filters are AND'ed with that one.
 */
abstract class ListingContract extends OneServerContract {
  @Override
  TestServer start(Backend backend) {
    // Every reading of this clock is later than the one before, so secrets created one after
    // another never share a CreatedDate and the created-date order is the order of creation.
    return TestServer.start(backend, new StrictlyIncreasingClock());
  }

  static String prefix() {
    return "ls-" + UUID.randomUUID().toString().substring(0, 8) + "/";
  }

  static Filter filter(FilterNameStringType key, String... values) {
    return Filter.builder().key(key).values(values).build();
  }

  static Filter nameFilter(String prefix) {
    return filter(FilterNameStringType.NAME, prefix);
  }

  static List<String> names(ListSecretsResponse r) {
    return r.secretList().stream().map(SecretListEntry::name).toList();
  }

  List<String> list(Filter... filters) {
    return names(sm.listSecrets(b -> b.filters(filters)));
  }

  void create(String name, String description, Tag... tags) {
    sm.createSecret(b -> b.name(name).description(description).tags(tags).secretString("v"));
  }

  /** Every page of a listing, checking that only the last one lacks a NextToken. */
  List<String> allPages(int maxResults, Consumer<ListSecretsRequest.Builder> request) {
    List<String> out = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String current = token;
      ListSecretsResponse page =
          sm.listSecrets(b -> {
            request.accept(b);
            b.maxResults(maxResults).nextToken(current);
          });
      assertThat(page.secretList().size()).isLessThanOrEqualTo(maxResults);
      out.addAll(names(page));
      token = page.nextToken();
      assertThat(++pages).as("pages").isLessThan(100);
    } while (token != null);
    return out;
  }

  static void assertValidationError(Runnable call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            SecretsManagerException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            });
  }

  // ---- entries and planned deletion ----

  @Test
  void listSecrets_entry_hasSecretListEntryMembers() {
    String p = prefix();
    var created =
        sm.createSecret(b ->
            b.name(p + "db")
                .description("orders database")
                .tags(Tag.builder().key("team").value("blue").build())
                .secretString("v"));
    ListSecretsResponse r = sm.listSecrets(b -> b.filters(nameFilter(p)));
    assertThat(r.secretList()).hasSize(1);
    assertThat(r.nextToken()).isNull();
    SecretListEntry e = r.secretList().get(0);
    assertThat(e.arn()).isEqualTo(created.arn());
    assertThat(e.name()).isEqualTo(p + "db");
    assertThat(e.description()).isEqualTo("orders database");
    assertThat(e.tags()).containsExactly(Tag.builder().key("team").value("blue").build());
    assertThat(e.secretVersionsToStages()).containsOnlyKeys(created.versionId());
    assertThat(e.secretVersionsToStages().get(created.versionId())).containsExactly("AWSCURRENT");
    assertThat(e.createdDate()).isNotNull();
    assertThat(e.lastChangedDate()).isNotNull();
    assertThat(e.deletedDate()).isNull();
    assertThat(e.kmsKeyId()).isNull();
  }

  @Test
  void listSecrets_scheduledForDeletion_listedOnlyWithIncludePlannedDeletion() {
    String p = prefix();
    create(p + "kept", "k");
    create(p + "gone", "g");
    sm.deleteSecret(b -> b.secretId(p + "gone").recoveryWindowInDays(7L));

    assertThat(list(nameFilter(p))).containsExactly(p + "kept");
    ListSecretsResponse all =
        sm.listSecrets(b -> b.filters(nameFilter(p)).includePlannedDeletion(true));
    assertThat(names(all)).containsExactly(p + "kept", p + "gone");
    assertThat(all.secretList().get(1).deletedDate()).isNotNull();
    assertThat(all.secretList().get(0).deletedDate()).isNull();
  }

  // ---- filters ----

  @Test
  void listSecrets_nameFilter_isCaseSensitivePrefix() {
    String p = prefix();
    create(p + "Alpha", "a");
    create(p + "beta", "b");
    assertThat(list(nameFilter(p + "Al"))).containsExactly(p + "Alpha");
    assertThat(list(nameFilter(p + "al"))).isEmpty();
    assertThat(list(nameFilter(p + "lpha"))).isEmpty();
  }

  @Test
  void listSecrets_descriptionFilter_isCaseInsensitivePrefix() {
    String p = prefix();
    create(p + "one", "Database password");
    create(p + "two", "api key for the database");
    assertThat(list(nameFilter(p), filter(FilterNameStringType.DESCRIPTION, "dATAbase")))
        .containsExactly(p + "one");
  }

  @Test
  void listSecrets_tagKeyAndTagValueFilters_areCaseSensitivePrefixes() {
    String p = prefix();
    create(p + "prod", "x", Tag.builder().key("env").value("Production").build());
    create(p + "dev", "x", Tag.builder().key("owner").value("dev-team").build());
    assertThat(list(nameFilter(p), filter(FilterNameStringType.TAG_KEY, "en")))
        .containsExactly(p + "prod");
    assertThat(list(nameFilter(p), filter(FilterNameStringType.TAG_KEY, "Env"))).isEmpty();
    assertThat(list(nameFilter(p), filter(FilterNameStringType.TAG_VALUE, "Prod")))
        .containsExactly(p + "prod");
    assertThat(list(nameFilter(p), filter(FilterNameStringType.TAG_VALUE, "prod"))).isEmpty();
    assertThat(list(nameFilter(p), filter(FilterNameStringType.TAG_VALUE, "Production", "dev")))
        .containsExactly(p + "prod", p + "dev");
  }

  @Test
  void listSecrets_negatedValue_excludesMatchingSecrets() {
    String p = prefix();
    create(p + "tagged", "x", Tag.builder().key("env").value("prod").build());
    create(p + "untagged", "x");
    create(p + "other", "x", Tag.builder().key("team").value("blue").build());
    assertThat(list(nameFilter(p), filter(FilterNameStringType.TAG_KEY, "!env")))
        .containsExactly(p + "untagged", p + "other");
    assertThat(list(nameFilter(p), filter(FilterNameStringType.NAME, "!" + p + "u")))
        .containsExactly(p + "tagged", p + "other");
  }

  @Test
  void listSecrets_allFilter_matchesWordsOfOneAttributeIgnoringCase() {
    String p = prefix();
    create(p + "a", "Orders database credentials");
    create(p + "b", "x", Tag.builder().key("purpose").value("ordersDatabase").build());
    create(p + "c", "orders cache");
    assertThat(list(nameFilter(p), filter(FilterNameStringType.ALL, "ORDERS data")))
        .containsExactly(p + "a", p + "b");
    assertThat(list(nameFilter(p), filter(FilterNameStringType.ALL, "cache")))
        .containsExactly(p + "c");
  }

  @Test
  void listSecrets_primaryRegionAndOwningService_matchOnlySecretsThatHaveThem() {
    // Secrets that are not replicated and not managed by a service have neither attribute, so a
    // plain value matches none of them and a negated value passes all of them.
    String p = prefix();
    create(p + "x", "x");
    create(p + "y", "y");
    assertThat(list(nameFilter(p), filter(FilterNameStringType.PRIMARY_REGION, "us-"))).isEmpty();
    assertThat(list(nameFilter(p), filter(FilterNameStringType.PRIMARY_REGION, "!us-")))
        .containsExactly(p + "x", p + "y");
    assertThat(list(nameFilter(p), filter(FilterNameStringType.OWNING_SERVICE, "rds"))).isEmpty();
    assertThat(list(nameFilter(p), filter(FilterNameStringType.OWNING_SERVICE, "!rds")))
        .containsExactly(p + "x", p + "y");
  }

  @Test
  void listSecrets_unknownFilterKey_isValidationException() {
    assertValidationError(
        () -> sm.listSecrets(b -> b.filters(Filter.builder().key("color").values("x").build())),
        "1 validation error detected: Value 'color' at 'filters.1.member.key' failed to satisfy"
            + " constraint: Member must satisfy enum value set: [description, name, tag-key,"
            + " tag-value, primary-region, owning-service, all]");
  }

  @Test
  void listSecrets_filterValueOutsidePattern_isValidationException() {
    assertValidationError(
        () -> sm.listSecrets(b -> b.filters(nameFilter("a|b"))),
        "1 validation error detected: Value 'a|b' at 'filters.1.member.values' failed to satisfy"
            + " constraint: Member must satisfy regular expression pattern:"
            + " ^\\!?[a-zA-Z0-9 :_@\\/\\+\\=\\.\\-\\!]*$");
  }

  @Test
  void listSecrets_filterWithoutValuesOrKey_isInvalidParameter() {
    assertThatThrownBy(() ->
            sm.listSecrets(b -> b.filters(Filter.builder().key(FilterNameStringType.NAME).build())))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("has no Values");
    assertThatThrownBy(() -> sm.listSecrets(b -> b.filters(Filter.builder().values("x").build())))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("has no Key");
  }

  // ---- order ----

  @Test
  void listSecrets_defaultOrder_isCreatedDateAscendingAndDescReverses() {
    String p = prefix();
    create(p + "c", "1");
    create(p + "a", "2");
    create(p + "b", "3");
    assertThat(list(nameFilter(p))).containsExactly(p + "c", p + "a", p + "b");
    assertThat(
            names(
                sm.listSecrets(b ->
                    b.filters(nameFilter(p))
                        .sortBy(SortByType.CREATED_DATE)
                        .sortOrder(SortOrderType.DESC))))
        .containsExactly(p + "b", p + "a", p + "c");
  }

  @Test
  void listSecrets_sortByName_ordersByNameBothWays() {
    String p = prefix();
    create(p + "b", "1");
    create(p + "c", "2");
    create(p + "a", "3");
    assertThat(names(sm.listSecrets(b -> b.filters(nameFilter(p)).sortBy(SortByType.NAME))))
        .containsExactly(p + "a", p + "b", p + "c");
    assertThat(
            names(
                sm.listSecrets(b ->
                    b.filters(nameFilter(p))
                        .sortBy(SortByType.NAME)
                        .sortOrder(SortOrderType.DESC))))
        .containsExactly(p + "c", p + "b", p + "a");
  }

  @Test
  void listSecrets_sortByLastChangedDate_putsLatestChangeLast() {
    String p = prefix();
    create(p + "a", "1");
    create(p + "b", "2");
    create(p + "c", "3");
    sm.updateSecret(b -> b.secretId(p + "a").description("changed"));
    assertThat(
            names(
                sm.listSecrets(b -> b.filters(nameFilter(p)).sortBy(SortByType.LAST_CHANGED_DATE))))
        .containsExactly(p + "b", p + "c", p + "a");
  }

  @Test
  void listSecrets_sortByLastAccessedDate_neverReadSecretsComeFirstAscending() {
    String p = prefix();
    create(p + "a", "1");
    create(p + "b", "2");
    create(p + "c", "3");
    sm.getSecretValue(b -> b.secretId(p + "b"));
    assertThat(
            names(
                sm.listSecrets(
                    b -> b.filters(nameFilter(p)).sortBy(SortByType.LAST_ACCESSED_DATE))))
        .containsExactly(p + "a", p + "c", p + "b");
    ListSecretsResponse desc =
        sm.listSecrets(b ->
            b.filters(nameFilter(p))
                .sortBy(SortByType.LAST_ACCESSED_DATE)
                .sortOrder(SortOrderType.DESC));
    assertThat(names(desc)).containsExactly(p + "b", p + "c", p + "a");
    assertThat(desc.secretList().get(0).lastAccessedDate()).isNotNull();
    assertThat(desc.secretList().get(1).lastAccessedDate()).isNull();
  }

  @Test
  void listSecrets_invalidSortOrder_isValidationException() {
    assertValidationError(
        () -> sm.listSecrets(b -> b.sortOrder("sideways")),
        "1 validation error detected: Value 'sideways' at 'sortOrder' failed to satisfy"
            + " constraint: Member must satisfy enum value set: [asc, desc]");
  }

  // ---- pages ----

  @Test
  void listSecrets_pages_returnEverySecretExactlyOnceInOrder() {
    String p = prefix();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(p + "s" + i);
      create(p + "s" + i, "d");
    }
    assertThat(allPages(3, b -> b.filters(nameFilter(p)))).containsExactlyElementsOf(created);
    assertThat(allPages(1, b -> b.filters(nameFilter(p)).sortOrder(SortOrderType.DESC)))
        .containsExactlyElementsOf(created.reversed());
    assertThat(allPages(7, b -> b.filters(nameFilter(p)).sortBy(SortByType.NAME)))
        .containsExactlyElementsOf(created);
    List<String> viaNextTokens = allPages(2, b -> b.filters(nameFilter(p)));
    assertThat(new HashSet<>(viaNextTokens)).hasSize(viaNextTokens.size());
  }

  @Test
  void listSecrets_pageSize_isMaxResultsAndDefaultsToAHundred() {
    String p = prefix();
    for (int i = 0; i < 3; i++) {
      create(p + i, "d");
    }
    ListSecretsResponse first = sm.listSecrets(b -> b.filters(nameFilter(p)).maxResults(2));
    assertThat(first.secretList()).hasSize(2);
    assertThat(first.nextToken()).isNotBlank();
    ListSecretsResponse rest =
        sm.listSecrets(b -> b.filters(nameFilter(p)).maxResults(2).nextToken(first.nextToken()));
    assertThat(names(rest)).containsExactly(p + 2);
    assertThat(rest.nextToken()).isNull();
    assertThat(sm.listSecrets(b -> b.filters(nameFilter(p))).secretList()).hasSize(3);
  }

  @Test
  void listSecrets_maxResultsOutOfRange_isValidationException() {
    assertValidationError(
        () -> sm.listSecrets(b -> b.maxResults(101)),
        "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint:"
            + " Member must have value less than or equal to 100");
    assertValidationError(
        () -> sm.listSecrets(b -> b.maxResults(0)),
        "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint:"
            + " Member must have value greater than or equal to 1");
  }

  @Test
  void listSecrets_tokenOfAnotherQuery_isInvalidNextToken() {
    String p = prefix();
    create(p + "a", "d");
    create(p + "b", "d");
    String token = sm.listSecrets(b -> b.filters(nameFilter(p)).maxResults(1)).nextToken();
    assertThat(token).isNotNull();
    assertThatThrownBy(() ->
            sm.listSecrets(b -> b.filters(nameFilter(p + "a")).maxResults(1).nextToken(token)))
        .isInstanceOf(InvalidNextTokenException.class);
    assertThatThrownBy(() ->
            sm.listSecrets(b ->
                b.filters(nameFilter(p)).sortBy(SortByType.NAME).maxResults(1).nextToken(token)))
        .isInstanceOf(InvalidNextTokenException.class);
    assertThatThrownBy(() -> sm.listSecrets(b -> b.nextToken("not-a-token")))
        .isInstanceOf(InvalidNextTokenException.class)
        .hasMessageContaining("The NextToken value is invalid.");
  }

  // ---- BatchGetSecretValue by filters shares the listing ----

  @Test
  void batchGetSecretValue_byFilters_pagesThroughEverySecretOnce() {
    String p = prefix();
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      String name = p + "s" + i;
      created.add(name);
      sm.createSecret(b -> b.name(name).secretString("value-" + name));
    }
    List<String> seen = new ArrayList<>();
    String token = null;
    do {
      String current = token;
      BatchGetSecretValueResponse page =
          sm.batchGetSecretValue(b -> b.filters(nameFilter(p)).maxResults(2).nextToken(current));
      assertThat(page.secretValues().size()).isLessThanOrEqualTo(2);
      assertThat(page.errors()).isEmpty();
      page.secretValues()
          .forEach(v -> {
            assertThat(v.secretString()).isEqualTo("value-" + v.name());
            assertThat(v.versionStages()).containsExactly("AWSCURRENT");
            seen.add(v.name());
          });
      token = page.nextToken();
    } while (token != null);
    assertThat(seen).hasSize(5).containsExactlyInAnyOrderElementsOf(created);
  }

  @Test
  void batchGetSecretValue_byFilters_secretWithoutValueIsReportedInErrors() {
    String p = prefix();
    sm.createSecret(b -> b.name(p + "full").secretString("v"));
    String emptyArn = sm.createSecret(b -> b.name(p + "empty")).arn();
    BatchGetSecretValueResponse r = sm.batchGetSecretValue(b -> b.filters(nameFilter(p)));
    assertThat(r.secretValues()).extracting(v -> v.name()).containsExactly(p + "full");
    assertThat(r.errors()).hasSize(1);
    assertThat(r.errors().get(0).secretId()).isEqualTo(emptyArn);
    assertThat(r.errors().get(0).errorCode()).isEqualTo("ResourceNotFoundException");
    assertThat(r.nextToken()).isNull();
  }

  @Test
  void batchGetSecretValue_mixOfExistingMissingAndDeleted_reportsEachFailureAndSucceeds() {
    String p = prefix();
    var one = sm.createSecret(b -> b.name(p + "one").secretString("first"));
    sm.createSecret(b -> b.name(p + "two").secretString("second"));
    sm.createSecret(b -> b.name(p + "deleted").secretString("x"));
    sm.deleteSecret(b -> b.secretId(p + "deleted").recoveryWindowInDays(7L));

    BatchGetSecretValueResponse r =
        sm.batchGetSecretValue(
            b -> b.secretIdList(one.arn(), p + "missing", p + "two", p + "deleted"));

    assertThat(r.secretValues()).hasSize(2);
    assertThat(r.secretValues().get(0).arn()).isEqualTo(one.arn());
    assertThat(r.secretValues().get(0).secretString()).isEqualTo("first");
    assertThat(r.secretValues().get(0).versionId()).isEqualTo(one.versionId());
    assertThat(r.secretValues().get(0).createdDate()).isNotNull();
    assertThat(r.secretValues().get(1).name()).isEqualTo(p + "two");
    assertThat(r.secretValues().get(1).secretString()).isEqualTo("second");
    assertThat(r.errors()).hasSize(2);
    assertThat(r.errors().get(0).secretId()).isEqualTo(p + "missing");
    assertThat(r.errors().get(0).errorCode()).isEqualTo("ResourceNotFoundException");
    assertThat(r.errors().get(0).message())
        .isEqualTo("Secrets Manager can't find the specified secret.");
    assertThat(r.errors().get(1).secretId()).isEqualTo(p + "deleted");
    assertThat(r.errors().get(1).errorCode()).isEqualTo("InvalidRequestException");
    assertThat(r.errors().get(1).message()).contains("marked for deletion");
    assertThat(r.nextToken()).isNull();
  }

  @Test
  void batchGetSecretValue_idListAndFilters_isInvalidParameter() {
    assertThatThrownBy(
            () -> sm.batchGetSecretValue(b -> b.secretIdList("a").filters(nameFilter("a"))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Either 'SecretIdList' or 'Filters' must be provided, but not both.");
  }

  @Test
  void batchGetSecretValue_neitherIdListNorFilters_isInvalidParameter() {
    assertThatThrownBy(() -> sm.batchGetSecretValue(b -> {}))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Either 'SecretIdList' or 'Filters' must be provided, but not both.");
  }

  @Test
  void batchGetSecretValue_maxResultsWithoutFilters_isInvalidParameter() {
    assertThatThrownBy(() -> sm.batchGetSecretValue(b -> b.secretIdList("a").maxResults(5)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining(
            "'Filters' not specified. 'Filters' must also be specified when 'MaxResults' is"
                + " provided.");
  }

  @Test
  void batchGetSecretValue_moreThanTwentyIds_isValidationException() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      ids.add("id" + i);
    }
    assertValidationError(
        () -> sm.batchGetSecretValue(b -> b.secretIdList(ids)),
        "1 validation error detected: Value at 'secretIdList' failed to satisfy constraint:"
            + " Member must have length less than or equal to 20");
  }

  @Test
  void batchGetSecretValue_maxResultsAboveTwenty_isValidationException() {
    assertValidationError(
        () -> sm.batchGetSecretValue(b -> b.filters(nameFilter("x")).maxResults(21)),
        "1 validation error detected: Value '21' at 'maxResults' failed to satisfy constraint:"
            + " Member must have value less than or equal to 20");
  }

  @Test
  void batchGetSecretValue_foreignOrMalformedToken_isInvalidNextToken() {
    String p = prefix();
    create(p + "a", "d");
    create(p + "b", "d");
    String listToken = sm.listSecrets(b -> b.filters(nameFilter(p)).maxResults(1)).nextToken();
    assertThatThrownBy(() ->
            sm.batchGetSecretValue(
                b -> b.filters(nameFilter(p)).maxResults(1).nextToken(listToken)))
        .isInstanceOf(InvalidNextTokenException.class);
    assertThatThrownBy(() -> sm.batchGetSecretValue(b -> b.secretIdList("a").nextToken("abc")))
        .isInstanceOf(InvalidNextTokenException.class);
  }

  /** Strictly increasing: never the same instant twice, never behind the system clock. */
  static final class StrictlyIncreasingClock extends Clock {
    private final AtomicLong lastMillis = new AtomicLong();

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      long now = System.currentTimeMillis();
      return Instant.ofEpochMilli(lastMillis.updateAndGet(last -> Math.max(last + 1, now)));
    }
  }
}
