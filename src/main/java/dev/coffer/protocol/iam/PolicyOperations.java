package dev.coffer.protocol.iam;

import static dev.coffer.protocol.query.Ops.op;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.auth.iam.Identities;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.ValidationException;
import dev.coffer.core.iam.IamManagedPolicy;
import dev.coffer.core.iam.OwnerType;
import dev.coffer.protocol.query.QueryInput;
import dev.coffer.protocol.query.QueryOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Inline policies (Put/Get/Delete/List for users, groups and roles), managed policies (Create, Get,
 * Delete, CreatePolicyVersion, GetPolicyVersion) and attachments (Attach, Detach, ListAttached for
 * users, groups and roles).
 */
final class PolicyOperations {
  private PolicyOperations() {}

  /** Owner kind, its name member, its ARN resource type and its name length limit. */
  private record Owner(OwnerType type, String word, String nameMember, int maxName) {
    /** The owner's name in the request, validated. */
    String name(QueryInput in) {
      return IamInputs.name(in, nameMember, maxName);
    }

    /** The owner's ARN, the resource these operations are authorized on. */
    BiFunction<RequestContext, QueryInput, String> resource() {
      return Resources.named(word.toLowerCase(Locale.ROOT), nameMember);
    }
  }

  /** Attach or detach: the same input, one of two {@link Identities} calls. */
  private interface AttachmentChange {
    void apply(String accountId, OwnerType owner, String ownerName, String policyArn);
  }

  private static final List<Owner> OWNERS =
      List.of(
          new Owner(OwnerType.USER, "User", "UserName", 128),
          new Owner(OwnerType.GROUP, "Group", "GroupName", 128),
          new Owner(OwnerType.ROLE, "Role", "RoleName", 64));

  static List<QueryOperation> all(Identities ids) {
    List<QueryOperation> ops = new ArrayList<>(managed(ids));
    for (Owner o : OWNERS) {
      ops.addAll(inline(ids, o));
      ops.addAll(attachments(ids, o));
    }
    return ops;
  }

  private static List<QueryOperation> inline(Identities ids, Owner o) {
    return List.of(
        op(
            "Put" + o.word() + "Policy",
            o.resource(),
            (ctx, in) -> {
              ids.putInlinePolicy(
                  ctx.accountId(),
                  o.type(),
                  o.name(in),
                  IamInputs.name(in, "PolicyName", 128),
                  IamInputs.identityPolicy(in, "PolicyDocument"));
              return IamXml.object();
            }),
        op(
            "Get" + o.word() + "Policy",
            o.resource(),
            (ctx, in) -> {
              String owner = o.name(in);
              String name = IamInputs.name(in, "PolicyName", 128);
              String doc = ids.getInlinePolicy(ctx.accountId(), o.type(), owner, name);
              ObjectNode out = IamXml.object();
              out.put(o.nameMember(), owner);
              out.put("PolicyName", name);
              out.put("PolicyDocument", IamXml.document(doc));
              return out;
            }),
        op(
            "Delete" + o.word() + "Policy",
            o.resource(),
            (ctx, in) -> {
              ids.deleteInlinePolicy(
                  ctx.accountId(), o.type(), o.name(in), IamInputs.name(in, "PolicyName", 128));
              return IamXml.object();
            }),
        op(
            "List" + o.word() + "Policies",
            o.resource(),
            (ctx, in) -> {
              ArrayNode names = JsonNodeFactory.instance.arrayNode();
              ids.listInlinePolicies(ctx.accountId(), o.type(), o.name(in)).forEach(names::add);
              return IamXml.list("PolicyNames", names);
            }));
  }

  private static List<QueryOperation> attachments(Identities ids, Owner o) {
    return List.of(
        attachment("Attach", o, ids::attachPolicy),
        attachment("Detach", o, ids::detachPolicy),
        op(
            "ListAttached" + o.word() + "Policies",
            o.resource(),
            (ctx, in) -> {
              ArrayNode out = JsonNodeFactory.instance.arrayNode();
              for (IamManagedPolicy p :
                  ids.attachedPolicies(ctx.accountId(), o.type(), o.name(in))) {
                out.addObject().put("PolicyName", p.policyName()).put("PolicyArn", p.arn());
              }
              return IamXml.list("AttachedPolicies", out);
            }));
  }

  private static QueryOperation attachment(String verb, Owner o, AttachmentChange change) {
    return op(
        verb + o.word() + "Policy",
        o.resource(),
        (ctx, in) -> {
          change.apply(ctx.accountId(), o.type(), o.name(in), in.required("PolicyArn"));
          return IamXml.object();
        });
  }

  private static List<QueryOperation> managed(Identities ids) {
    return List.of(
        op(
            "CreatePolicy",
            (ctx, in) ->
                "arn:aws:iam::"
                    + ctx.accountId()
                    + ":policy"
                    + in.optional("Path").orElse("/")
                    + in.optional("PolicyName").orElse(""),
            (ctx, in) -> {
              String description = in.optional("Description").orElse("");
              if (description.length() > 1000) {
                throw new ValidationException(
                    "1 validation error detected: Value at 'description' failed to satisfy"
                        + " constraint: Member must have length less than or equal to 1000");
              }
              IamManagedPolicy p =
                  ids.createPolicy(
                      ctx.accountId(),
                      IamInputs.name(in, "PolicyName", 128),
                      IamInputs.path(in, "Path"),
                      description,
                      IamInputs.identityPolicy(in, "PolicyDocument"));
              return IamXml.object().set("Policy", IamXml.policy(p));
            }),
        op(
            "GetPolicy",
            Resources.policyArn(),
            (ctx, in) ->
                IamXml.object()
                    .set(
                        "Policy",
                        IamXml.policy(ids.getPolicy(ctx.accountId(), in.required("PolicyArn"))))),
        op(
            "DeletePolicy",
            Resources.policyArn(),
            (ctx, in) -> {
              ids.deletePolicy(ctx.accountId(), in.required("PolicyArn"));
              return IamXml.object();
            }),
        op(
            "CreatePolicyVersion",
            Resources.policyArn(),
            (ctx, in) -> {
              boolean setAsDefault =
                  Boolean.parseBoolean(in.optional("SetAsDefault").orElse("false"));
              Map.Entry<String, Boolean> v =
                  ids.createPolicyVersion(
                      ctx.accountId(),
                      in.required("PolicyArn"),
                      IamInputs.identityPolicy(in, "PolicyDocument"),
                      setAsDefault);
              ObjectNode version = IamXml.object();
              version.put("VersionId", v.getKey());
              version.put("IsDefaultVersion", v.getValue());
              version.put("CreateDate", IamXml.time(ctx.time()));
              return IamXml.object().set("PolicyVersion", version);
            }),
        op(
            "GetPolicyVersion",
            Resources.policyArn(),
            (ctx, in) -> {
              String arn = in.required("PolicyArn");
              String id = in.required("VersionId");
              return ids.policyVersions(ctx.accountId(), arn).stream()
                  .filter(v -> v.versionId().equals(id))
                  .findFirst()
                  .map(v -> {
                    ObjectNode version = IamXml.object();
                    version.put("Document", IamXml.document(v.document()));
                    version.put("VersionId", v.versionId());
                    version.put("IsDefaultVersion", v.isDefault());
                    version.put("CreateDate", IamXml.time(v.createdAt()));
                    return IamXml.object().<ObjectNode>set("PolicyVersion", version);
                  })
                  .orElseThrow(() ->
                      new dev.coffer.core.error.NoSuchEntityException(
                          "Policy "
                              + arn
                              + " version "
                              + id
                              + " does not exist or is not"
                              + " attachable."));
            }));
  }
}
