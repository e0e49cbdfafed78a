package dev.coffer.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The authenticated principal behind a request: who is calling, in which account, with which key.
 *
 * @param accountId the 12-digit account the principal belongs to
 * @param arn the principal's ARN, e.g. {@code arn:aws:iam::123456789012:root}
 * @param principalId the unique id CloudTrail shows as {@code principalId}
 * @param accessKeyId the access key that signed the request, empty for internal principals
 * @param type the kind of principal
 * @param entitlements principal tags and identity policies, for the authorizer
 */
public record Caller(
    String accountId,
    String arn,
    String principalId,
    Optional<String> accessKeyId,
    Type type,
    Entitlements entitlements) {

  /** The kinds of principal, named as CloudTrail's {@code userIdentity.type}. */
  public enum Type {
    Root,
    IAMUser,
    AssumedRole,
    AWSService
  }

  public Caller {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(principalId, "principalId");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(entitlements, "entitlements");
  }

  /** A principal without tags or identity policies. */
  public Caller(
      String accountId, String arn, String principalId, Optional<String> accessKeyId, Type type) {
    this(accountId, arn, principalId, accessKeyId, type, Entitlements.NONE);
  }

  /** The root user of {@code accountId}, signing with {@code accessKeyId}. */
  public static Caller root(String accountId, String accessKeyId) {
    return new Caller(
        accountId,
        "arn:aws:iam::" + accountId + ":root",
        accountId,
        Optional.of(accessKeyId),
        Type.Root);
  }

  /**
   * A named internal principal (background deletion, rotation, compliance) acting in {@code
   * accountId}; it is authorized and audited like any caller.
   */
  public static Caller service(String accountId, String serviceName) {
    return new Caller(
        accountId,
        "arn:aws:iam::" + accountId + ":role/coffer-service/" + serviceName,
        "coffer:" + serviceName,
        Optional.empty(),
        Type.AWSService);
  }
}
