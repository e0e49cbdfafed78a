package dev.coffer.protocol.iam;

import static dev.coffer.protocol.query.Ops.op;

import dev.coffer.auth.iam.Identities;
import dev.coffer.core.iam.IamRole;
import dev.coffer.protocol.query.QueryOperation;
import java.util.List;

/** CreateRole, GetRole, ListRoles, DeleteRole, UpdateAssumeRolePolicy, TagRole. */
final class RoleOperations {
  /** MaxSessionDuration: one hour by default, at most twelve (IAM API Reference, CreateRole). */
  static final int DEFAULT_MAX_SESSION = 3600;

  static final int LONGEST_MAX_SESSION = 43_200;

  private RoleOperations() {}

  static List<QueryOperation> all(Identities ids) {
    return List.of(
        op(
            "CreateRole",
            Resources.named("role", "RoleName"),
            (ctx, in) -> {
              String description = in.optional("Description").orElse("");
              if (description.length() > 1000) {
                throw new dev.coffer.core.error.ValidationException(
                    "1 validation error detected: Value at 'description' failed to satisfy"
                        + " constraint: Member must have length less than or equal to 1000");
              }
              IamRole r =
                  ids.createRole(
                      ctx.accountId(),
                      IamInputs.name(in, "RoleName", 64),
                      IamInputs.path(in, "Path"),
                      IamInputs.trustPolicy(in, "AssumeRolePolicyDocument"),
                      description,
                      IamInputs.integer(
                          in,
                          "MaxSessionDuration",
                          DEFAULT_MAX_SESSION,
                          DEFAULT_MAX_SESSION,
                          LONGEST_MAX_SESSION),
                      IamInputs.tags(in));
              return IamXml.object().set("Role", IamXml.role(r));
            }),
        op(
            "GetRole",
            Resources.named("role", "RoleName"),
            (ctx, in) ->
                IamXml.object()
                    .set(
                        "Role",
                        IamXml.role(
                            ids.getRole(ctx.accountId(), IamInputs.name(in, "RoleName", 64))))),
        op(
            "ListRoles",
            (ctx, in) -> "arn:aws:iam::" + ctx.accountId() + ":role/*",
            (ctx, in) ->
                IamPages.page(
                    in,
                    "Roles",
                    ids.listRoles(ctx.accountId(), in.optional("PathPrefix").orElse("/")),
                    r -> IamXml.sortKey(r.roleName()),
                    IamXml::role)),
        op(
            "DeleteRole",
            Resources.named("role", "RoleName"),
            (ctx, in) -> {
              ids.deleteRole(ctx.accountId(), IamInputs.name(in, "RoleName", 64));
              return IamXml.object();
            }),
        op(
            "UpdateAssumeRolePolicy",
            Resources.named("role", "RoleName"),
            (ctx, in) -> {
              ids.updateAssumeRolePolicy(
                  ctx.accountId(),
                  IamInputs.name(in, "RoleName", 64),
                  IamInputs.trustPolicy(in, "PolicyDocument"));
              return IamXml.object();
            }),
        op(
            "TagRole",
            Resources.named("role", "RoleName"),
            (ctx, in) -> {
              ids.tagRole(ctx.accountId(), IamInputs.name(in, "RoleName", 64), IamInputs.tags(in));
              return IamXml.object();
            }));
  }
}
