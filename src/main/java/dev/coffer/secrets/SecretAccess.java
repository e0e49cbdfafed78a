package dev.coffer.secrets;

import dev.coffer.core.RequestContext;
import dev.coffer.policy.Authorizer;
import dev.coffer.policy.Decision;
import dev.coffer.policy.PolicyKind;
import dev.coffer.store.SecretRecord;
import dev.coffer.store.Tag;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Authorizes Secrets Manager calls: each operation's action ({@code secretsmanager:<Operation>}),
 * the secret's ARN as resource, the secret's resource policy, and the condition keys of the Service
 * Authorization Reference (compliance-and-iam.md §4.7): the request's keys ({@code
 * secretsmanager:Name}, {@code VersionStage}, {@code aws:RequestTag/...}, ...) and the secret's
 * ({@code secretsmanager:SecretId}, {@code aws:ResourceTag/...}, {@code
 * secretsmanager:ResourceTag/...}, {@code resource/AllowRotationLambdaArn}, {@code
 * SecretPrimaryRegion}, {@code resource/Type}).
 *
 * <p>Authorization happens before existence and state checks, as AWS does it: a caller who may not
 * act on a secret learns nothing about it, and one who names a secret that does not exist is denied
 * unless a policy would allow the action on that name (then the answer is
 * ResourceNotFoundException). A secret named by a name or partial ARN is authorized against its
 * full ARN; one that does not exist, against {@code arn:...:secret:<name>} (AWS is silent on this
 * ARN; it carries no random suffix because there is none).
 */
public final class SecretAccess {
  static final String PREFIX = "secretsmanager:";

  private final Authorizer authorizer;

  public SecretAccess(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  /** The authorizer this uses (shared with KMS, for its parse cache). */
  public Authorizer authorizer() {
    return authorizer;
  }

  /**
   * What one call asks to do to a secret: the action and the request's own condition keys.
   * Immutable; {@link #with} returns a copy.
   *
   * @param action the operation name, e.g. {@code GetSecretValue} (prefixed when authorized)
   * @param keys the request's condition keys
   */
  public record Check(String action, Map<String, List<String>> keys) {
    public Check {
      keys = Map.copyOf(keys);
    }

    /** A check for {@code operation} with no request keys yet. */
    public static Check of(String operation) {
      return new Check(operation, Map.of());
    }

    /** This check with {@code key} set to {@code values}. */
    public Check with(String key, List<String> values) {
      Map<String, List<String>> k = new HashMap<>(keys);
      k.put(key, List.copyOf(values));
      return new Check(action, k);
    }

    /** This check with {@code key} set to {@code value}. */
    public Check with(String key, String value) {
      return with(key, List.of(value));
    }

    /** This check with {@code key} set when {@code value} is present. */
    public Check with(String key, Optional<String> value) {
      return value.isPresent() ? with(key, value.get()) : this;
    }

    /** This check with {@code key} set to {@code true} or {@code false}. */
    public Check with(String key, boolean value) {
      return with(key, Boolean.toString(value));
    }

    /** This check with {@code aws:RequestTag/<key>} for each tag and {@code aws:TagKeys}. */
    public Check withRequestTags(List<SecretView.TagView> tags) {
      if (tags.isEmpty()) {
        return this;
      }
      Check c = this;
      for (SecretView.TagView t : tags) {
        c = c.with("aws:RequestTag/" + t.key(), t.value());
      }
      return c.with("aws:TagKeys", tags.stream().map(SecretView.TagView::key).toList());
    }

    String qualifiedAction() {
      return PREFIX + action;
    }
  }

  /**
   * Authorizes {@code check} on the secret {@code secretId} resolved to ({@code found}), or on the
   * ARN that id would have when no such secret exists.
   *
   * @throws dev.coffer.core.error.AccessDeniedException when the caller may not
   */
  public void authorize(
      RequestContext ctx, Check check, Optional<SecretRecord> found, String secretId) {
    if (found.isPresent()) {
      authorize(ctx, check, found.get());
      return;
    }
    String arn = missingArn(ctx, secretId);
    String account = SecretArns.parse(arn).map(SecretArns.Parsed::accountId).orElseThrow();
    Map<String, List<String>> keys = new HashMap<>(check.keys());
    keys.put(PREFIX + "SecretId", List.of(arn));
    authorizer.authorize(
        ctx, check.qualifiedAction(), Authorizer.Resource.withoutPolicy(arn, account), keys);
  }

  /** Authorizes {@code check} on the existing secret {@code s}. */
  public void authorize(RequestContext ctx, Check check, SecretRecord s) {
    authorizer.authorize(ctx, check.qualifiedAction(), resource(s), keys(check, s));
  }

  /** Decides {@code check} on {@code s} without throwing (BatchGetSecretValue, listings). */
  public Decision decide(RequestContext ctx, Check check, SecretRecord s) {
    return authorizer.decide(ctx, check.qualifiedAction(), resource(s), keys(check, s));
  }

  /**
   * Authorizes an action that names no secret (ListSecrets, GetRandomPassword,
   * BatchGetSecretValue): resource {@code *} in the caller's account (§4.7).
   */
  public void authorizeWithoutResource(RequestContext ctx, Check check) {
    authorizer.authorize(
        ctx,
        check.qualifiedAction(),
        Authorizer.Resource.withoutPolicy("*", ctx.accountId()),
        check.keys());
  }

  /**
   * Authorizes CreateSecret on the ARN the new secret will have (there is no secret yet, so no
   * resource policy and no resource keys).
   */
  public void authorizeNew(RequestContext ctx, Check check, String newArn) {
    authorizer.authorize(
        ctx,
        check.qualifiedAction(),
        Authorizer.Resource.withoutPolicy(newArn, ctx.accountId()),
        check.keys());
  }

  private static Authorizer.Resource resource(SecretRecord s) {
    return new Authorizer.Resource(s.arn(), s.accountId(), s.resourcePolicy(), PolicyKind.RESOURCE);
  }

  /** The request's keys plus the keys that describe the secret (§4.7, "Population"). */
  static Map<String, List<String>> keys(Check check, SecretRecord s) {
    Map<String, List<String>> keys = new HashMap<>(check.keys());
    keys.put(PREFIX + "SecretId", List.of(s.arn()));
    for (Tag t : s.tags()) {
      keys.putIfAbsent("aws:ResourceTag/" + t.key(), List.of(t.value()));
      keys.putIfAbsent(PREFIX + "ResourceTag/" + t.key(), List.of(t.value()));
    }
    s.rotationLambdaArn()
        .ifPresent(a -> keys.put(PREFIX + "resource/AllowRotationLambdaArn", List.of(a)));
    s.type().ifPresent(t -> keys.put(PREFIX + "resource/Type", List.of(t)));
    keys.put(PREFIX + "SecretPrimaryRegion", List.of(primaryRegion(s)));
    return keys;
  }

  private static String primaryRegion(SecretRecord s) {
    return s.primaryArn()
        .flatMap(SecretArns::parse)
        .map(SecretArns.Parsed::region)
        .orElse(s.region());
  }

  /** The ARN a SecretId names when no secret has it: the id itself if an ARN, else by name. */
  static String missingArn(RequestContext ctx, String secretId) {
    if (SecretArns.parse(secretId).isPresent()) {
      return secretId;
    }
    return SecretArns.prefix(ctx.region(), ctx.accountId()) + secretId;
  }
}
