package dev.coffer.protocol.iam;

import static dev.coffer.protocol.query.Ops.op;

import dev.coffer.auth.iam.Identities;
import dev.coffer.core.iam.IamGroup;
import dev.coffer.protocol.query.QueryOperation;
import java.util.List;

/** CreateGroup, AddUserToGroup, RemoveUserFromGroup. */
final class GroupOperations {
  private GroupOperations() {}

  static List<QueryOperation> all(Identities ids) {
    return List.of(
        op(
            "CreateGroup",
            Resources.named("group", "GroupName"),
            (ctx, in) -> {
              IamGroup g =
                  ids.createGroup(
                      ctx.accountId(),
                      IamInputs.name(in, "GroupName", 128),
                      IamInputs.path(in, "Path"));
              return IamXml.object().set("Group", IamXml.group(g));
            }),
        op(
            "AddUserToGroup",
            Resources.named("group", "GroupName"),
            (ctx, in) -> {
              ids.addUserToGroup(
                  ctx.accountId(),
                  IamInputs.name(in, "GroupName", 128),
                  IamInputs.name(in, "UserName", 128));
              return IamXml.object();
            }),
        op(
            "RemoveUserFromGroup",
            Resources.named("group", "GroupName"),
            (ctx, in) -> {
              ids.removeUserFromGroup(
                  ctx.accountId(),
                  IamInputs.name(in, "GroupName", 128),
                  IamInputs.name(in, "UserName", 128));
              return IamXml.object();
            }));
  }
}
