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
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Inline policies (Put/Get/Delete/List for users, groups and roles), managed policies (Create, Get,
 * List, Delete, Create/Get/List/Delete/SetDefault PolicyVersion, ListEntitiesForPolicy) and
 * attachments (Attach, Detach, ListAttached for users, groups and roles).
 */
final class PolicyOperations {
  private PolicyOperations() {}

  /** Owner kind, the word in its operation names, its name member and its name length limit. */
  private record Owner(OwnerType type, String word, String nameMember, int maxName) {
    /** The owner's ARN, the resource its operations are authorized on. */
    BiFunction<RequestContext, QueryInput, String> resource() {
      return Resources.named(word.toLowerCase(Locale.ROOT), nameMember);
    }

    /** The owner's name from the request, validated. */
    String name(QueryInput in) {
      return IamInputs.name(in, nameMember, maxName);
    }
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
            (ctx, in) ->
                IamPages.names(
                    in,
                    "PolicyNames",
                    ids.listInlinePolicies(ctx.accountId(), o.type(), o.name(in)))));
  }

  private static List<QueryOperation> attachments(Identities ids, Owner o) {
    return List.of(
        op(
            "Attach" + o.word() + "Policy",
            o.resource(),
            (ctx, in) -> {
              ids.attachPolicy(ctx.accountId(), o.type(), o.name(in), in.required("PolicyArn"));
              return IamXml.object();
            }),
        op(
            "Detach" + o.word() + "Policy",
            o.resource(),
            (ctx, in) -> {
              ids.detachPolicy(ctx.accountId(), o.type(), o.name(in), in.required("PolicyArn"));
              return IamXml.object();
            }),
        op(
            "ListAttached" + o.word() + "Policies",
            o.resource(),
            (ctx, in) -> {
              String prefix = in.optional("PathPrefix").orElse("/");
              return IamPages.page(
                  in,
                  "AttachedPolicies",
                  ids.attachedPolicies(ctx.accountId(), o.type(), o.name(in)).stream()
                      .filter(p -> p.path().startsWith(prefix))
                      .toList(),
                  IamManagedPolicy::arn,
                  p -> IamXml.object().put("PolicyName", p.policyName()).put("PolicyArn", p.arn()));
            }));
  }

  /** The number of a version id {@code vN}. */
  private static int versionNumber(String versionId) {
    try {
      return Integer.parseInt(versionId.substring(1));
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      return 0;
    }
  }

  /** EntityFilter: User, Role, Group, LocalManagedPolicy or AWSManagedPolicy (or none). */
  private static Optional<OwnerType> entityFilter(QueryInput in) {
    Optional<String> f = in.optional("EntityFilter");
    if (f.isEmpty()) {
      return Optional.empty();
    }
    return switch (f.get()) {
      case "User" -> Optional.of(OwnerType.USER);
      case "Group" -> Optional.of(OwnerType.GROUP);
      case "Role" -> Optional.of(OwnerType.ROLE);
      default ->
          throw new ValidationException(
              "1 validation error detected: Value '"
                  + f.get()
                  + "' at 'entityFilter' failed to satisfy constraint: Member must satisfy enum"
                  + " value set: [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]");
    };
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
            "ListPolicies",
            (ctx, in) -> "*",
            (ctx, in) -> {
              // Only customer managed policies exist here: Scope=AWS lists none.
              String scope = in.optional("Scope").orElse("All");
              if (!List.of("All", "AWS", "Local").contains(scope)) {
                throw new ValidationException(
                    "1 validation error detected: Value '"
                        + scope
                        + "' at 'scope' failed to satisfy constraint: Member must satisfy enum"
                        + " value set: [All, AWS, Local]");
              }
              boolean onlyAttached =
                  Boolean.parseBoolean(in.optional("OnlyAttached").orElse("false"));
              List<IamManagedPolicy> all =
                  scope.equals("AWS")
                      ? List.of()
                      : ids.listPolicies(ctx.accountId(), in.optional("PathPrefix").orElse("/"));
              return IamPages.page(
                  in,
                  "Policies",
                  all.stream().filter(p -> !onlyAttached || p.attachmentCount() > 0).toList(),
                  p -> IamXml.sortKey(p.policyName()),
                  IamXml::policy);
            }),
        op(
            "ListPolicyVersions",
            Resources.policyArn(),
            (ctx, in) ->
                IamPages.page(
                    in,
                    "Versions",
                    ids.policyVersions(ctx.accountId(), in.required("PolicyArn")),
                    // Newest first, as IAM lists them: v10 after v9, so by number.
                    v -> String.format("%010d", Integer.MAX_VALUE - versionNumber(v.versionId())),
                    v ->
                        IamXml.object()
                            .put("VersionId", v.versionId())
                            .put("IsDefaultVersion", v.isDefault())
                            .put("CreateDate", IamXml.time(v.createdAt())))),
        op(
            "DeletePolicyVersion",
            Resources.policyArn(),
            (ctx, in) -> {
              ids.deletePolicyVersion(
                  ctx.accountId(), in.required("PolicyArn"), in.required("VersionId"));
              return IamXml.object();
            }),
        op(
            "SetDefaultPolicyVersion",
            Resources.policyArn(),
            (ctx, in) -> {
              ids.setDefaultPolicyVersion(
                  ctx.accountId(), in.required("PolicyArn"), in.required("VersionId"));
              return IamXml.object();
            }),
        op(
            "ListEntitiesForPolicy",
            Resources.policyArn(),
            (ctx, in) -> {
              Optional<OwnerType> filter = entityFilter(in);
              List<Identities.PolicyEntity> entities =
                  ids.entitiesForPolicy(ctx.accountId(), in.required("PolicyArn")).stream()
                      .filter(e -> filter.map(f -> f == e.type()).orElse(true))
                      .toList();
              // One listing paged together: users, then groups, then roles.
              ObjectNode page =
                  IamPages.page(
                      in,
                      "Entities",
                      entities,
                      e -> e.type().ordinal() + ":" + IamXml.sortKey(e.name()),
                      e ->
                          IamXml.object()
                              .put("Kind", e.type().name())
                              .put("Name", e.name())
                              .put("Id", e.id()));
              ArrayNode users = JsonNodeFactory.instance.arrayNode();
              ArrayNode groups = JsonNodeFactory.instance.arrayNode();
              ArrayNode roles = JsonNodeFactory.instance.arrayNode();
              for (var e : page.withArray("Entities")) {
                String word = e.path("Kind").asText();
                ArrayNode into =
                    word.equals("USER") ? users : word.equals("GROUP") ? groups : roles;
                String member =
                    word.equals("USER") ? "User" : word.equals("GROUP") ? "Group" : "Role";
                into.addObject()
                    .put(member + "Name", e.path("Name").asText())
                    .put(member + "Id", e.path("Id").asText());
              }
              ObjectNode out = IamXml.object();
              out.set("PolicyGroups", groups);
              out.set("PolicyUsers", users);
              out.set("PolicyRoles", roles);
              out.set("IsTruncated", page.get("IsTruncated"));
              if (page.has("Marker")) {
                out.set("Marker", page.get("Marker"));
              }
              return out;
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
