package dev.coffer.protocol.iam;

import static dev.coffer.protocol.query.Ops.op;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.auth.iam.AccessKeyUsage;
import dev.coffer.auth.iam.AccessKeys;
import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.ValidationException;
import dev.coffer.core.iam.IamAccessKey;
import dev.coffer.protocol.query.QueryInput;
import dev.coffer.protocol.query.QueryOperation;
import java.util.List;
import java.util.Optional;

/** CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey, GetAccessKeyLastUsed. */
final class AccessKeyOperations {
  private AccessKeyOperations() {}

  static List<QueryOperation> all(AccessKeys keys, AccessKeyUsage usage) {
    return List.of(
        op(
            "CreateAccessKey",
            Resources.userOrSelf(),
            (ctx, in) -> {
              AccessKeys.NewKey k = keys.create(ctx.accountId(), owner(ctx, in));
              ObjectNode key = IamXml.accessKeyMetadata(k.key());
              key.put("SecretAccessKey", k.secretAccessKey());
              return IamXml.object().set("AccessKey", key);
            }),
        op(
            "ListAccessKeys",
            Resources.userOrSelf(),
            (ctx, in) ->
                IamPages.page(
                    in,
                    "AccessKeyMetadata",
                    keys.list(ctx.accountId(), owner(ctx, in)),
                    // Oldest first, as the store lists them.
                    k -> String.format("%020d %s", k.createdAt().toEpochMilli(), k.accessKeyId()),
                    IamXml::accessKeyMetadata)),
        op(
            "UpdateAccessKey",
            Resources.userOrSelf(),
            (ctx, in) -> {
              String status = in.required("Status");
              if (!status.equals(IamAccessKey.ACTIVE) && !status.equals(IamAccessKey.INACTIVE)) {
                throw new ValidationException(
                    "1 validation error detected: Value '"
                        + status
                        + "' at 'status' failed to satisfy constraint: Member must satisfy enum"
                        + " value set: [Active, Inactive]");
              }
              keys.updateStatus(
                  ctx.accountId(), owner(ctx, in), in.required("AccessKeyId"), status);
              return IamXml.object();
            }),
        op(
            "DeleteAccessKey",
            Resources.userOrSelf(),
            (ctx, in) -> {
              keys.delete(ctx.accountId(), owner(ctx, in), in.required("AccessKeyId"));
              return IamXml.object();
            }),
        op(
            "GetAccessKeyLastUsed",
            // Authorized on the key's owner (Service Authorization Reference: resource type user).
            (ctx, in) ->
                in.optional("AccessKeyId").flatMap(id -> ownerArn(keys, ctx, id)).orElse("*"),
            (ctx, in) -> {
              String id = accessKeyId(in);
              IamAccessKey key = keys.find(ctx.accountId(), id);
              ObjectNode out = IamXml.object();
              key.userName().ifPresent(n -> out.put("UserName", n));
              out.set("AccessKeyLastUsed", IamXml.lastUsed(usage.lastUse(id)));
              return out;
            }));
  }

  /** AccessKeyId: 16 to 128 word characters (IAM API Reference, accessKeyIdType). */
  private static String accessKeyId(QueryInput in) {
    String id = in.required("AccessKeyId");
    if (id.length() < 16 || id.length() > 128 || !id.matches("[\\w]+")) {
      throw new ValidationException(
          "1 validation error detected: Value '"
              + id
              + "' at 'accessKeyId' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: [\\w]+");
    }
    return id;
  }

  private static Optional<String> ownerArn(AccessKeys keys, RequestContext ctx, String id) {
    try {
      IamAccessKey k = keys.find(ctx.accountId(), id);
      return Optional.of(
          k.userName()
              .map(n -> "arn:aws:iam::" + ctx.accountId() + ":user/" + n)
              .orElse("arn:aws:iam::" + ctx.accountId() + ":root"));
    } catch (dev.coffer.core.error.NoSuchEntityException e) {
      return Optional.empty();
    }
  }

  /**
   * Whose keys: the named user, else the calling user, else (for the root) the account root's own
   * (IAM API Reference: "If you do not specify a user name, IAM determines the user name implicitly
   * based on the Amazon Web Services access key ID signing the request").
   */
  private static Optional<String> owner(RequestContext ctx, QueryInput in) {
    Optional<String> named = IamInputs.optionalName(in, "UserName", 128);
    if (named.isPresent()) {
      return named;
    }
    Caller c = ctx.caller();
    if (c.type() == Caller.Type.IAMUser) {
      return c.entitlements().userName();
    }
    if (c.type() == Caller.Type.Root) {
      return Optional.empty();
    }
    throw new ValidationException("Must specify userName when calling with non-User credentials");
  }
}
