package dev.coffer.kms;

import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.AccessDeniedException;
import dev.coffer.policy.Authorizer;
import dev.coffer.policy.Decision;
import dev.coffer.policy.PolicyKind;
import dev.coffer.store.KmsKeyRecord;
import dev.coffer.store.Tag;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Authorizes use of KMS keys (compliance-and-iam.md §4.6): a key's policy must allow the action
 * explicitly, directly or by naming the account root, which lets the account's identity policies
 * grant it; explicit deny first. Two ways in:
 *
 * <ul>
 *   <li>the KMS API, where the caller acts on the key itself ({@link #authorize});
 *   <li>Secrets Manager acting on the caller's behalf ({@link #authorizeViaSecretsManager}): the
 *       request carries {@code kms:ViaService = secretsmanager.<region>.amazonaws.com} and the
 *       secret's encryption context ({@code kms:EncryptionContext:SecretARN}, {@code
 *       kms:EncryptionContext:SecretVersionId}), so that the {@code aws/secretsmanager} key policy
 *       and customer key policies written for Secrets Manager decide as in AWS.
 * </ul>
 *
 * <p>The AWS managed key {@code aws/secretsmanager} is never usable from another account: its
 * policy limits use to {@code kms:CallerAccount} of its own account, and this class refuses such
 * use before evaluating anything, so no change to that policy could open it.
 */
public final class KeyAccess {
  private volatile Authorizer authorizer;

  KeyAccess(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  void use(Authorizer shared) {
    this.authorizer = Objects.requireNonNull(shared, "shared");
  }

  /**
   * Authorizes a KMS API call ({@code kms:<operation>}) on key {@code k}.
   *
   * @param encryptionContext the request's encryption context, for cryptographic operations
   * @throws AccessDeniedException in AWS's words when the key policy (and, through it, the caller's
   *     identity policies) do not allow it
   */
  void authorize(
      RequestContext ctx, String operation, KmsKeyRecord k, Map<String, String> encryptionContext) {
    String action = "kms:" + operation;
    authorizer.authorize(ctx, action, resource(k), keys(ctx, k, encryptionContext));
  }

  /** {@link #authorize} without an encryption context. */
  void authorize(RequestContext ctx, String operation, KmsKeyRecord k) {
    authorize(ctx, operation, k, Map.of());
  }

  /**
   * Authorizes an operation that has no key (CreateKey, ListKeys, ListAliases, GenerateRandom):
   * identity policies only, resource {@code *}.
   */
  void authorizeWithoutKey(RequestContext ctx, String operation) {
    authorizer.authorize(
        ctx,
        "kms:" + operation,
        Authorizer.Resource.withoutPolicy("*", ctx.accountId()),
        Map.of("kms:CallerAccount", List.of(ctx.accountId())));
  }

  /**
   * Authorizes an alias operation on the alias itself (aliases have no policy of their own: KMS
   * Developer Guide, "Controlling access to aliases").
   */
  void authorizeAlias(RequestContext ctx, String operation, String aliasArn) {
    authorizer.authorize(
        ctx,
        "kms:" + operation,
        Authorizer.Resource.withoutPolicy(aliasArn, ctx.accountId()),
        Map.of("kms:CallerAccount", List.of(ctx.accountId())));
  }

  /**
   * Authorizes the key use Secrets Manager makes for {@code ctx}'s caller: {@code kms:Decrypt} to
   * read a secret value, {@code kms:GenerateDataKey} to write one.
   *
   * @throws AccessDeniedException {@code Access to KMS is not allowed}, as Secrets Manager words
   *     it, followed by the KMS reason
   */
  void authorizeViaSecretsManager(
      RequestContext ctx, String operation, KmsKeyRecord k, Map<String, String> encryptionContext) {
    Caller caller = ctx.caller();
    String action = "kms:" + operation;
    if (Keys.awsManaged(k) && !caller.accountId().equals(k.accountId())) {
      throw denied(
          caller.arn(),
          action,
          k.arn(),
          "because the AWS managed key aws/secretsmanager cannot be used from another account");
    }
    Map<String, List<String>> keys = keys(ctx, k, encryptionContext);
    keys.put("kms:ViaService", List.of("secretsmanager." + k.region() + ".amazonaws.com"));
    Decision d = authorizer.decide(ctx, action, resource(k), keys);
    if (!d.allowed()) {
      String why = d.message(caller.arn(), action, k.arn());
      throw new AccessDeniedException("Access to KMS is not allowed. " + why);
    }
  }

  private static AccessDeniedException denied(
      String callerArn, String action, String keyArn, String reason) {
    return new AccessDeniedException(
        "Access to KMS is not allowed. User: "
            + callerArn
            + " is not authorized to perform: "
            + action
            + " on resource: "
            + keyArn
            + " "
            + reason);
  }

  private static Authorizer.Resource resource(KmsKeyRecord k) {
    return new Authorizer.Resource(k.arn(), k.accountId(), Optional.of(k.policy()), PolicyKind.KEY);
  }

  /** The KMS condition keys of a request on {@code k} (KMS Developer Guide, "Condition keys"). */
  private static Map<String, List<String>> keys(
      RequestContext ctx, KmsKeyRecord k, Map<String, String> encryptionContext) {
    Map<String, List<String>> keys = new HashMap<>();
    keys.put("kms:CallerAccount", List.of(ctx.accountId()));
    for (Tag t : k.tags()) {
      keys.put("aws:ResourceTag/" + t.key(), List.of(t.value()));
    }
    encryptionContext.forEach(
        (name, value) -> keys.put("kms:EncryptionContext:" + name, List.of(value)));
    if (!encryptionContext.isEmpty()) {
      keys.put("kms:EncryptionContextKeys", List.copyOf(encryptionContext.keySet()));
    }
    keys.put("kms:KeySpec", List.of("SYMMETRIC_DEFAULT"));
    keys.put("kms:KeyUsage", List.of("ENCRYPT_DECRYPT"));
    return keys;
  }
}
