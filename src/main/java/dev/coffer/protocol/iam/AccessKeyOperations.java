package dev.coffer.protocol.iam;

import static dev.coffer.protocol.query.Ops.op;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.auth.iam.AccessKeys;
import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.ValidationException;
import dev.coffer.core.iam.IamAccessKey;
import dev.coffer.protocol.query.QueryInput;
import dev.coffer.protocol.query.QueryOperation;
import java.util.List;
import java.util.Optional;

/** CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey. */
final class AccessKeyOperations {
  private AccessKeyOperations() {}

  static List<QueryOperation> all(AccessKeys keys) {
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
            (ctx, in) -> {
              ArrayNode out = JsonNodeFactory.instance.arrayNode();
              for (IamAccessKey k : keys.list(ctx.accountId(), owner(ctx, in))) {
                out.add(IamXml.accessKeyMetadata(k));
              }
              return IamXml.list("AccessKeyMetadata", out);
            }),
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
            }));
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
