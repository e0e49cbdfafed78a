package dev.coffer.protocol.iam;

import static dev.coffer.protocol.query.Ops.op;

import dev.coffer.auth.iam.Identities;
import dev.coffer.core.Caller;
import dev.coffer.core.iam.IamUser;
import dev.coffer.protocol.query.QueryOperation;
import java.util.List;
import java.util.Optional;

/** CreateUser, GetUser, ListUsers, DeleteUser, ListGroupsForUser, TagUser. */
final class UserOperations {
  private UserOperations() {}

  static List<QueryOperation> all(Identities ids) {
    return List.of(
        op(
            "CreateUser",
            Resources.named("user", "UserName"),
            (ctx, in) -> {
              IamUser u =
                  ids.createUser(
                      ctx.accountId(),
                      IamInputs.name(in, "UserName", 64),
                      IamInputs.path(in, "Path"),
                      IamInputs.tags(in));
              return IamXml.object().set("User", IamXml.user(u));
            }),
        op(
            "GetUser",
            Resources.userOrSelf(),
            (ctx, in) -> {
              // Without UserName, GetUser describes the calling user (IAM API Reference).
              Optional<String> name = IamInputs.optionalName(in, "UserName", 128);
              if (name.isEmpty()) {
                name = ctx.caller().entitlements().userName();
              }
              if (name.isEmpty() && ctx.caller().type() == Caller.Type.Root) {
                return IamXml.object().set("User", root(ctx.accountId()));
              }
              IamUser u =
                  ids.getUser(
                      ctx.accountId(),
                      name.orElseThrow(() ->
                          new dev.coffer.core.error.ValidationException(
                              "Must specify userName when calling with non-User credentials")));
              return IamXml.object().set("User", IamXml.user(u));
            }),
        op(
            "ListUsers",
            (ctx, in) -> "arn:aws:iam::" + ctx.accountId() + ":user/*",
            (ctx, in) ->
                IamPages.page(
                    in,
                    "Users",
                    ids.listUsers(ctx.accountId(), in.optional("PathPrefix").orElse("/")),
                    u -> IamXml.sortKey(u.userName()),
                    IamXml::user)),
        op(
            "DeleteUser",
            Resources.named("user", "UserName"),
            (ctx, in) -> {
              ids.deleteUser(ctx.accountId(), IamInputs.name(in, "UserName", 128));
              return IamXml.object();
            }),
        op(
            "ListGroupsForUser",
            Resources.named("user", "UserName"),
            (ctx, in) ->
                IamPages.page(
                    in,
                    "Groups",
                    ids.groupsForUser(ctx.accountId(), IamInputs.name(in, "UserName", 128)),
                    g -> IamXml.sortKey(g.groupName()),
                    IamXml::group)),
        op(
            "TagUser",
            Resources.named("user", "UserName"),
            (ctx, in) -> {
              ids.tagUser(ctx.accountId(), IamInputs.name(in, "UserName", 128), IamInputs.tags(in));
              return IamXml.object();
            }));
  }

  /** GetUser as the root user: IAM describes the account itself. */
  private static com.fasterxml.jackson.databind.node.ObjectNode root(String accountId) {
    return IamXml.object()
        .put("UserId", accountId)
        .put("Arn", "arn:aws:iam::" + accountId + ":root");
  }
}
