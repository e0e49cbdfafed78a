package dev.coffer.secrets;

import dev.coffer.core.RequestContext;
import dev.coffer.core.error.CofferException;
import dev.coffer.core.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * BatchGetSecretValue (AWS API Reference, BatchGetSecretValue; behaviour.md §7): the AWSCURRENT
 * values of up to 20 secrets, named in a list or selected by filters. Each secret is read as
 * GetSecretValue reads it; a secret that cannot be read becomes an entry of {@code Errors} with the
 * error GetSecretValue would have answered, and the call itself succeeds.
 *
 * <p>Decisions where AWS is silent: filters select the secrets ListSecrets would list with the same
 * filters (active secrets only, oldest first); a secret selected by filters is named in {@code
 * Errors} by its ARN, a secret from {@code SecretIdList} by the identifier as given; a repeated
 * identifier is read, and answered, as often as it is listed.
 */
public final class SecretBatch {
  /** SecretIdListType and MaxResultsBatchType: at most 20. */
  public static final int MAX_SECRETS = 20;

  private final SecretsService secrets;
  private final SecretListing listing;

  public SecretBatch(SecretsService secrets, SecretListing listing) {
    this.secrets = secrets;
    this.listing = listing;
  }

  /**
   * One secret that could not be read, as an {@code APIErrorType}.
   *
   * @param secretId the secret as the request named it (its ARN when selected by filters)
   * @param errorCode the AWS error code, e.g. ResourceNotFoundException
   * @param message the error's message
   */
  public record Failure(String secretId, CofferException error) {
    public String errorCode() {
      return error.errorCode();
    }

    public String message() {
      return Objects.requireNonNullElse(error.getMessage(), "");
    }
  }

  /**
   * What BatchGetSecretValue answers.
   *
   * @param values the values read, in request (or listing) order
   * @param failures the secrets that could not be read
   * @param nextOffset with filters, where the next page starts; empty on the last page
   */
  public record Result(
      List<SecretValueView> values, List<Failure> failures, OptionalInt nextOffset) {
    public Result {
      values = List.copyOf(values);
      failures = List.copyOf(failures);
    }
  }

  /**
   * Checks the parameter combination the model cannot express: {@code SecretIdList} or {@code
   * Filters} but not both, and {@code MaxResults} only with {@code Filters}. The texts are the
   * service's as recorded in behaviour.md §7.
   */
  public static void checkParameters(boolean hasIdList, boolean hasFilters, boolean hasMaxResults) {
    if (hasIdList == hasFilters) {
      throw new InvalidParameterException(
          "Either 'SecretIdList' or 'Filters' must be provided, but not both.");
    }
    if (hasMaxResults && !hasFilters) {
      throw new InvalidParameterException(
          "'Filters' not specified. 'Filters' must also be specified when 'MaxResults' is"
              + " provided.");
    }
  }

  /** Reads the secrets named in {@code secretIds} (1..20 names or ARNs). */
  public Result byIds(RequestContext ctx, List<String> secretIds) {
    authorizeBatch(ctx);
    List<SecretValueView> values = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String id : secretIds) {
      read(ctx, id, values, failures);
    }
    return new Result(values, failures, OptionalInt.empty());
  }

  /** Reads the page of secrets selected by {@code filters} that starts at {@code offset}. */
  public Result byFilters(RequestContext ctx, SecretFilters filters, int offset, int pageSize) {
    Objects.requireNonNull(filters, "filters");
    authorizeBatch(ctx);
    SecretListing.Page page = listing.page(ctx, SecretListing.Query.of(filters), offset, pageSize);
    List<SecretValueView> values = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (SecretView s : page.secrets()) {
      read(ctx, s.arn(), values, failures);
    }
    return new Result(values, failures, page.nextOffset());
  }

  /**
   * The call itself needs BatchGetSecretValue on {@code *}; each secret is then authorized as
   * GetSecretValue, and a denied one becomes an AccessDeniedException entry of {@code Errors}.
   */
  private void authorizeBatch(RequestContext ctx) {
    secrets.access().authorizeWithoutResource(ctx, SecretAccess.Check.of("BatchGetSecretValue"));
  }

  /** Reads one secret; a failure is recorded under {@code secretId}, the name it was asked by. */
  private void read(
      RequestContext ctx, String secretId, List<SecretValueView> values, List<Failure> failures) {
    try {
      values.add(secrets.getValue(ctx, secretId, Optional.empty(), Optional.empty()));
    } catch (CofferException e) {
      failures.add(new Failure(secretId, e));
    }
  }
}
