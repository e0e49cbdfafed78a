package dev.coffer.kms;

import dev.coffer.core.RequestContext;
import dev.coffer.core.error.AccessDeniedException;
import dev.coffer.core.error.AlreadyExistsException;
import dev.coffer.core.error.InvalidAliasNameException;
import dev.coffer.core.error.LimitExceededException;
import dev.coffer.store.KmsAliasRecord;
import dev.coffer.store.KmsKeyRecord;
import dev.coffer.store.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** KMS aliases: CreateAlias, UpdateAlias, DeleteAlias and ListAliases. */
public final class AliasService {
  /** KMS quota "Aliases per KMS key". */
  static final int MAX_ALIASES_PER_KEY = 50;

  private static final String PREFIX = "alias/";
  private static final String RESERVED = "alias/aws/";

  private final Keys keys;

  AliasService(Keys keys) {
    this.keys = keys;
  }

  /** One entry of ListAliases; a predefined AWS alias not yet in use has no target. */
  public record AliasView(
      String aliasName,
      String aliasArn,
      Optional<String> targetKeyId,
      Optional<Instant> creationDate,
      Optional<Instant> lastUpdatedDate) {}

  public void create(RequestContext ctx, String aliasName, String targetKeyId) {
    checkName(aliasName);
    if (aliasName.startsWith(RESERVED)) {
      throw new InvalidAliasNameException(
          "Alias names beginning with alias/aws/ are reserved for AWS managed keys.");
    }
    keys.store()
        .execute(tx -> {
          keys.access()
              .authorizeAlias(
                  ctx, "CreateAlias", KmsArns.alias(ctx.region(), ctx.accountId(), aliasName));
          KmsKeyRecord k = target(tx, ctx, targetKeyId, "CreateAlias");
          if (tx.kms().countAliases(k.keyId()) >= MAX_ALIASES_PER_KEY) {
            throw new LimitExceededException(
                "The key " + k.arn() + " already has " + MAX_ALIASES_PER_KEY + " aliases.");
          }
          Instant now = keys.now();
          KmsAliasRecord a =
              new KmsAliasRecord(ctx.accountId(), ctx.region(), aliasName, k.keyId(), now, now);
          if (!tx.kms().insertAliasIfAbsent(a)) {
            throw new AlreadyExistsException(
                "An alias with the name "
                    + KmsArns.alias(ctx.region(), ctx.accountId(), aliasName)
                    + " already exists");
          }
        });
  }

  /** UpdateAlias: points an existing alias at another customer managed key. */
  public void update(RequestContext ctx, String aliasName, String targetKeyId) {
    checkName(aliasName);
    keys.store()
        .execute(tx -> {
          keys.access()
              .authorizeAlias(
                  ctx, "UpdateAlias", KmsArns.alias(ctx.region(), ctx.accountId(), aliasName));
          KmsAliasRecord a = existing(tx, ctx, aliasName, "UpdateAlias");
          KmsKeyRecord k = target(tx, ctx, targetKeyId, "UpdateAlias");
          if (!k.keyId().equals(a.targetKeyId())
              && tx.kms().countAliases(k.keyId()) >= MAX_ALIASES_PER_KEY) {
            throw new LimitExceededException(
                "The key " + k.arn() + " already has " + MAX_ALIASES_PER_KEY + " aliases.");
          }
          tx.kms()
              .retargetAlias(
                  new KmsAliasRecord(
                      a.accountId(),
                      a.region(),
                      a.aliasName(),
                      k.keyId(),
                      a.createdAt(),
                      keys.now()));
        });
  }

  public void delete(RequestContext ctx, String aliasName) {
    checkName(aliasName);
    keys.store()
        .execute(tx -> {
          keys.access()
              .authorizeAlias(
                  ctx, "DeleteAlias", KmsArns.alias(ctx.region(), ctx.accountId(), aliasName));
          KmsAliasRecord a = existing(tx, ctx, aliasName, "DeleteAlias");
          tx.kms()
              .findKey(ctx.accountId(), ctx.region(), a.targetKeyId(), false)
              .ifPresent(k -> keys.access().authorize(ctx, "DeleteAlias", k));
          tx.kms().deleteAlias(ctx.accountId(), ctx.region(), aliasName);
        });
  }

  /**
   * ListAliases by name. Without a key, it includes the predefined {@code alias/aws/secretsmanager}
   * without a target until the AWS managed key exists (KMS ListAliases).
   */
  public List<AliasView> list(RequestContext ctx, Optional<String> keyId) {
    keys.access().authorizeWithoutKey(ctx, "ListAliases");
    return keys.store()
        .read(tx -> {
          Optional<String> only =
              keyId.map(
                  id -> keys.resolve(tx, ctx.accountId(), ctx.region(), id, false, false).keyId());
          List<AliasView> out = new ArrayList<>();
          boolean predefinedSeen = false;
          for (KmsAliasRecord a : tx.kms().listAliases(ctx.accountId(), ctx.region())) {
            predefinedSeen |= a.aliasName().equals(Keys.DEFAULT_ALIAS);
            if (only.isEmpty() || only.get().equals(a.targetKeyId())) {
              out.add(
                  new AliasView(
                      a.aliasName(),
                      KmsArns.alias(ctx.region(), ctx.accountId(), a.aliasName()),
                      Optional.of(a.targetKeyId()),
                      Optional.of(a.createdAt()),
                      Optional.of(a.updatedAt())));
            }
          }
          if (!predefinedSeen && only.isEmpty()) {
            out.add(
                new AliasView(
                    Keys.DEFAULT_ALIAS,
                    KmsArns.alias(ctx.region(), ctx.accountId(), Keys.DEFAULT_ALIAS),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()));
            out.sort(java.util.Comparator.comparing(AliasView::aliasName));
          }
          return out;
        });
  }

  private KmsAliasRecord existing(Tx tx, RequestContext ctx, String aliasName, String action) {
    KmsAliasRecord a =
        tx.kms()
            .findAlias(ctx.accountId(), ctx.region(), aliasName)
            .orElseThrow(
                () -> Keys.aliasNotFound(KmsArns.alias(ctx.region(), ctx.accountId(), aliasName)));
    if (aliasName.startsWith(RESERVED)) {
      throw new AccessDeniedException(
          "User: "
              + ctx.caller().arn()
              + " is not authorized to perform: kms:"
              + action
              + " on resource: "
              + KmsArns.alias(ctx.region(), ctx.accountId(), aliasName)
              + " because it is an AWS managed alias");
    }
    return a;
  }

  /** The key an alias may point at: customer managed and not pending deletion. */
  private KmsKeyRecord target(Tx tx, RequestContext ctx, String keyId, String action) {
    KmsKeyRecord k = keys.resolve(tx, ctx.accountId(), ctx.region(), keyId, false, false);
    // KMS Developer Guide, "Controlling access to aliases": the key policy must allow the alias
    // action on the target key too.
    keys.access().authorize(ctx, action, k);
    Keys.requireCustomerManaged(k, ctx.caller().arn(), action);
    Keys.requireNotPendingDeletion(k);
    return k;
  }

  private static void checkName(String aliasName) {
    if (!aliasName.startsWith(PREFIX) || aliasName.length() == PREFIX.length()) {
      throw new InvalidAliasNameException(
          "Alias must start with the prefix \"alias/\" followed by a name, such as"
              + " alias/ExampleAlias.");
    }
  }
}
