package dev.coffer.protocol.iam;

import static dev.coffer.protocol.query.Ops.op;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.auth.iam.Identities;
import dev.coffer.core.iam.IamGroup;
import dev.coffer.core.iam.IamUser;
import dev.coffer.protocol.query.QueryOperation;
import java.util.List;
import java.util.Map;

/** CreateGroup, GetGroup, ListGroups, DeleteGroup, AddUserToGroup, RemoveUserFromGroup. */
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
            "GetGroup",
            Resources.named("group", "GroupName"),
            (ctx, in) -> {
              Map.Entry<IamGroup, List<IamUser>> g =
                  ids.getGroup(ctx.accountId(), IamInputs.name(in, "GroupName", 128));
              ObjectNode page =
                  IamPages.page(
                      in, "Users", g.getValue(), u -> IamXml.sortKey(u.userName()), IamXml::user);
              page.set("Group", IamXml.group(g.getKey()));
              return page;
            }),
        op(
            "ListGroups",
            (ctx, in) -> "arn:aws:iam::" + ctx.accountId() + ":group/*",
            (ctx, in) ->
                IamPages.page(
                    in,
                    "Groups",
                    ids.listGroups(ctx.accountId(), in.optional("PathPrefix").orElse("/")),
                    g -> IamXml.sortKey(g.groupName()),
                    IamXml::group)),
        op(
            "DeleteGroup",
            Resources.named("group", "GroupName"),
            (ctx, in) -> {
              ids.deleteGroup(ctx.accountId(), IamInputs.name(in, "GroupName", 128));
              return IamXml.object();
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
