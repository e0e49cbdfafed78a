package dev.coffer.protocol.iam;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.iam.AccessKeyLastUse;
import dev.coffer.core.iam.IamAccessKey;
import dev.coffer.core.iam.IamGroup;
import dev.coffer.core.iam.IamManagedPolicy;
import dev.coffer.core.iam.IamRole;
import dev.coffer.core.iam.IamTag;
import dev.coffer.core.iam.IamUser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** The IAM API's output structures, as JSON trees for the query XML writer. */
final class IamXml {
  private IamXml() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** IAM's timestamps: ISO 8601 in UTC, whole seconds. */
  static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /**
   * Policy documents in IAM responses are URL-encoded (RFC 3986), as IAM returns them; the AWS CLI
   * decodes them.
   */
  static String document(String json) {
    return URLEncoder.encode(json, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * The members users, groups and roles share: {@code Path}, {@code <Kind>Name}, {@code <Kind>Id},
   * {@code Arn}, {@code CreateDate}.
   */
  private static ObjectNode identity(
      String kind, String path, String name, String id, String arn, Instant created) {
    ObjectNode o = object();
    o.put("Path", path);
    o.put(kind + "Name", name);
    o.put(kind + "Id", id);
    o.put("Arn", arn);
    o.put("CreateDate", time(created));
    return o;
  }

  static ObjectNode user(IamUser u) {
    ObjectNode o = identity("User", u.path(), u.userName(), u.userId(), u.arn(), u.createdAt());
    if (!u.tags().isEmpty()) {
      o.set("Tags", tags(u.tags()));
    }
    return o;
  }

  static ObjectNode group(IamGroup g) {
    return identity("Group", g.path(), g.groupName(), g.groupId(), g.arn(), g.createdAt());
  }

  static ObjectNode role(IamRole r) {
    ObjectNode o = identity("Role", r.path(), r.roleName(), r.roleId(), r.arn(), r.createdAt());
    o.put("AssumeRolePolicyDocument", document(r.trustPolicy()));
    if (!r.description().isEmpty()) {
      o.put("Description", r.description());
    }
    o.put("MaxSessionDuration", r.maxSessionSeconds());
    if (!r.tags().isEmpty()) {
      o.set("Tags", tags(r.tags()));
    }
    return o;
  }

  static ObjectNode policy(IamManagedPolicy p) {
    ObjectNode o = object();
    o.put("PolicyName", p.policyName());
    o.put("PolicyId", p.policyId());
    o.put("Arn", p.arn());
    o.put("Path", p.path());
    o.put("DefaultVersionId", p.defaultVersion());
    o.put("AttachmentCount", p.attachmentCount());
    o.put("PermissionsBoundaryUsageCount", 0);
    o.put("IsAttachable", true);
    if (!p.description().isEmpty()) {
      o.put("Description", p.description());
    }
    o.put("CreateDate", time(p.createdAt()));
    o.put("UpdateDate", time(p.updatedAt()));
    return o;
  }

  static ObjectNode accessKeyMetadata(IamAccessKey k) {
    ObjectNode o = object();
    k.userName().ifPresent(n -> o.put("UserName", n));
    o.put("AccessKeyId", k.accessKeyId());
    o.put("Status", k.status());
    o.put("CreateDate", time(k.createdAt()));
    return o;
  }

  /**
   * IAM's AccessKeyLastUsed: a key never used has no date and {@code N/A} for service and region
   * (IAM API Reference, AccessKeyLastUsed).
   */
  static ObjectNode lastUsed(Optional<AccessKeyLastUse> use) {
    ObjectNode o = object();
    use.ifPresent(u -> o.put("LastUsedDate", time(u.when())));
    o.put("ServiceName", use.map(AccessKeyLastUse::service).orElse("N/A"));
    o.put("Region", use.map(AccessKeyLastUse::region).orElse("N/A"));
    return o;
  }

  static ArrayNode tags(List<IamTag> tags) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (IamTag t : tags) {
      a.addObject().put("Key", t.key()).put("Value", t.value());
    }
    return a;
  }

  /** The order IAM names are listed in: without regard to case, as they are unique. */
  static String sortKey(String name) {
    return name.toLowerCase(java.util.Locale.ROOT);
  }
}
