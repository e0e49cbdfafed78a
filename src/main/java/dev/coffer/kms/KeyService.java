package dev.coffer.kms;

import dev.coffer.core.RequestContext;
import dev.coffer.core.error.KMSInvalidStateException;
import dev.coffer.core.error.NotFoundException;
import dev.coffer.store.KeyMaterialRecord;
import dev.coffer.store.KmsKeyRecord;
import dev.coffer.store.Tag;
import dev.coffer.store.Tx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * KMS key management: CreateKey, DescribeKey, ListKeys, EnableKey, DisableKey, ScheduleKeyDeletion,
 * CancelKeyDeletion, the key policy and tags. Each public method is one API call in one
 * transaction.
 */
public final class KeyService {
  static final int DEFAULT_PENDING_WINDOW_DAYS = 30;
  private final Keys keys;

  KeyService(Keys keys) {
    this.keys = keys;
  }

  /** What CreateKey asks for; the protocol layer has refused what Coffer does not support. */
  public record CreateRequest(String description, Optional<String> policy, List<KeyTag> tags) {}

  public KeyView create(RequestContext ctx, CreateRequest req) {
    String policy = req.policy().orElseGet(() -> KeyPolicies.defaultPolicy(ctx.accountId()));
    req.policy().ifPresent(KeyPolicies::validate);
    List<Tag> tags = KeyTags.merge(List.of(), req.tags());
    keys.access().authorizeWithoutKey(ctx, "CreateKey");
    if (!req.tags().isEmpty()) {
      // KMS CreateKey, "Required permissions": kms:TagResource when Tags are given.
      keys.access().authorizeWithoutKey(ctx, "TagResource");
    }
    return keys.store()
        .write(tx -> {
          KmsKeyRecord k =
              keys.newKey(
                  tx,
                  ctx.accountId(),
                  ctx.region(),
                  req.description(),
                  Keys.CUSTOMER,
                  policy,
                  tags,
                  keys.now());
          return view(tx, k);
        });
  }

  /** DescribeKey; naming {@code alias/aws/secretsmanager} creates the AWS managed key. */
  public KeyView describe(RequestContext ctx, String keyId) {
    keys.ensureDefaultIfNamed(ctx.accountId(), ctx.region(), keyId);
    return keys.store()
        .read(tx -> {
          KmsKeyRecord k = keys.resolve(tx, ctx.accountId(), ctx.region(), keyId, true, false);
          keys.access().authorize(ctx, "DescribeKey", k);
          return view(tx, k);
        });
  }

  /** ListKeys: every key of the account and region, pending deletion included, oldest first. */
  public List<KeyView> list(RequestContext ctx) {
    keys.access().authorizeWithoutKey(ctx, "ListKeys");
    return keys.store()
        .read(tx ->
            tx.kms().listKeys(ctx.accountId(), ctx.region()).stream()
                .map(k -> KeyView.of(k, ""))
                .toList());
  }

  public void enable(RequestContext ctx, String keyId) {
    change(
        ctx,
        keyId,
        "EnableKey",
        k -> {
          Keys.requireNotPendingDeletion(k);
          return k.toBuilder().keyState(KeyState.Enabled.name()).build();
        });
  }

  public void disable(RequestContext ctx, String keyId) {
    change(
        ctx,
        keyId,
        "DisableKey",
        k -> {
          Keys.requireNotPendingDeletion(k);
          return k.toBuilder().keyState(KeyState.Disabled.name()).build();
        });
  }

  /** What ScheduleKeyDeletion answers. */
  public record DeletionView(String keyArn, Instant deletionDate, int pendingWindowDays) {}

  public DeletionView scheduleDeletion(
      RequestContext ctx, String keyId, Optional<Integer> windowDays) {
    int days = windowDays.orElse(DEFAULT_PENDING_WINDOW_DAYS);
    Instant at = keys.now().plus(Duration.ofDays(days));
    KmsKeyRecord k =
        change(
            ctx,
            keyId,
            "ScheduleKeyDeletion",
            key -> {
              Keys.requireNotPendingDeletion(key);
              return key.toBuilder()
                  .keyState(KeyState.PendingDeletion.name())
                  .deletion(Optional.of(at), Optional.of(days))
                  .build();
            });
    return new DeletionView(k.arn(), at, days);
  }

  /** CancelKeyDeletion: the key returns Disabled (AWS: enable it with EnableKey). */
  public String cancelDeletion(RequestContext ctx, String keyId) {
    return change(
            ctx,
            keyId,
            "CancelKeyDeletion",
            k -> {
              if (Keys.state(k) != KeyState.PendingDeletion) {
                throw new KMSInvalidStateException(k.arn() + " is not pending deletion.");
              }
              return k.toBuilder()
                  .keyState(KeyState.Disabled.name())
                  .deletion(Optional.empty(), Optional.empty())
                  .build();
            })
        .arn();
  }

  public String getPolicy(RequestContext ctx, String keyId, String policyName) {
    return keys.store()
        .read(tx -> {
          KmsKeyRecord k = keys.resolve(tx, ctx.accountId(), ctx.region(), keyId, false, false);
          keys.access().authorize(ctx, "GetKeyPolicy", k);
          requirePolicyName(k, policyName);
          return k.policy();
        });
  }

  public void putPolicy(RequestContext ctx, String keyId, String policyName, String policy) {
    change(
        ctx,
        keyId,
        "PutKeyPolicy",
        k -> {
          requirePolicyName(k, policyName);
          KeyPolicies.validate(policy);
          return k.toBuilder().policy(policy).build();
        });
  }

  /** ListKeyPolicies: the only key policy is {@code default}. */
  public List<String> listPolicies(RequestContext ctx, String keyId) {
    keys.store()
        .read(tx -> {
          KmsKeyRecord k = keys.resolve(tx, ctx.accountId(), ctx.region(), keyId, false, false);
          keys.access().authorize(ctx, "ListKeyPolicies", k);
          return k;
        });
    return List.of(KeyPolicies.NAME);
  }

  public void tag(RequestContext ctx, String keyId, List<KeyTag> tags) {
    change(
        ctx,
        keyId,
        "TagResource",
        k -> {
          Keys.requireNotPendingDeletion(k);
          return k.toBuilder().tags(KeyTags.merge(k.tags(), tags)).build();
        });
  }

  /** UntagResource; keys the key does not have are ignored (KMS UntagResource). */
  public void untag(RequestContext ctx, String keyId, List<String> tagKeys) {
    change(
        ctx,
        keyId,
        "UntagResource",
        k -> {
          Keys.requireNotPendingDeletion(k);
          return k.toBuilder()
              .tags(k.tags().stream().filter(t -> !tagKeys.contains(t.key())).toList())
              .build();
        });
  }

  public List<KeyTag> listTags(RequestContext ctx, String keyId) {
    return keys.store()
        .read(tx -> {
          KmsKeyRecord k = keys.resolve(tx, ctx.accountId(), ctx.region(), keyId, false, false);
          keys.access().authorize(ctx, "ListResourceTags", k);
          return k.tags().stream().map(t -> new KeyTag(t.key(), t.value())).toList();
        });
  }

  /** Deletes keys whose waiting period has ended, with their material and aliases. */
  public int deleteExpired() {
    return keys.store()
        .write(tx -> {
          List<KmsKeyRecord> due = tx.kms().dueForDeletion(keys.now(), 100);
          due.forEach(k -> tx.kms().deleteKey(k.keyId()));
          return due.size();
        });
  }

  // ---- helpers ----

  private KmsKeyRecord change(
      RequestContext ctx,
      String keyId,
      String action,
      java.util.function.UnaryOperator<KmsKeyRecord> edit) {
    return keys.store()
        .write(tx -> {
          KmsKeyRecord k = keys.resolve(tx, ctx.accountId(), ctx.region(), keyId, false, true);
          keys.access().authorize(ctx, action, k);
          Keys.requireCustomerManaged(k, ctx.caller().arn(), action);
          KmsKeyRecord changed = edit.apply(k);
          tx.kms().updateKey(changed);
          return changed;
        });
  }

  private static void requirePolicyName(KmsKeyRecord k, String policyName) {
    if (!KeyPolicies.NAME.equals(policyName)) {
      throw new NotFoundException(
          "No policy named "
              + policyName
              + " exists for "
              + k.arn()
              + "; the only key policy is"
              + " named default.");
    }
  }

  static KeyView view(Tx tx, KmsKeyRecord k) {
    String materialId =
        tx.kms()
            .material(k.keyId(), k.currentVersion())
            .map(KeyMaterialRecord::materialId)
            .orElse("");
    return KeyView.of(k, materialId);
  }
}
