package dev.coffer.protocol.sts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.auth.iam.IamArns;
import dev.coffer.auth.iam.Sessions;
import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.AccessDeniedException;
import dev.coffer.core.error.NoSuchEntityException;
import dev.coffer.core.error.ValidationException;
import dev.coffer.core.iam.IamRole;
import dev.coffer.policy.PolicyKind;
import dev.coffer.policy.PolicyParser;
import dev.coffer.protocol.query.IdentityAuthorizer;
import dev.coffer.protocol.query.QueryInput;
import dev.coffer.protocol.query.QueryOperation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AssumeRole (STS API Reference): the caller needs {@code sts:AssumeRole} on the role from both its
 * identity policies and the role's trust policy (the trust policy alone suffices when it names the
 * caller, as the IAM evaluation logic has it), and {@code sts:TagSession} as well when it passes
 * session tags. The session lasts {@code DurationSeconds}, 900 up to the role's maximum (3600 by
 * default). The account root may not assume roles.
 */
final class AssumeRoleHandler implements QueryOperation {
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws:iam::(\\d{12}):role(/|/[\\u0021-\\u007E]+/)([\\w+=,.@-]{1,64})");
  private static final int MAX_SESSION_TAGS = 50;

  private final Sessions sessions;
  private final IdentityAuthorizer authorizer;

  AssumeRoleHandler(Sessions sessions, IdentityAuthorizer authorizer) {
    this.sessions = sessions;
    this.authorizer = authorizer;
  }

  @Override
  public String name() {
    return "AssumeRole";
  }

  @Override
  public boolean needsIdentityPolicy() {
    return false; // decided here, with the trust policy
  }

  @Override
  public ObjectNode handle(RequestContext ctx, QueryInput in) {
    String roleArn = in.required("RoleArn");
    String sessionName = in.required("RoleSessionName");
    if (!SESSION_NAME.matcher(sessionName).matches()) {
      throw new ValidationException(
          "1 validation error detected: Value '"
              + sessionName
              + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: [\\w+=,.@-]* and have length between 2 and 64");
    }
    Map<String, String> tags = sessionTags(in);
    Optional<String> sessionPolicy = in.optional("Policy");
    sessionPolicy.ifPresent(p -> PolicyParser.parse(p, PolicyKind.IDENTITY, 2048));
    Caller caller = ctx.caller();
    if (caller.type() == Caller.Type.Root) {
      throw new AccessDeniedException("Roles may not be assumed by root accounts.");
    }
    IamRole role = role(ctx, roleArn);
    authorizer.authorizeAssumeRole(ctx, "sts:AssumeRole", roleArn, role.trustPolicy());
    if (!tags.isEmpty()) {
      authorizer.authorizeAssumeRole(ctx, "sts:TagSession", roleArn, role.trustPolicy());
    }
    int seconds = StsInputs.duration(in, 3600, Integer.MAX_VALUE);
    if (seconds > role.maxSessionSeconds()) {
      throw new ValidationException(
          "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }
    Sessions.Issued issued =
        sessions.assumeRole(role, sessionName, Duration.ofSeconds(seconds), tags, sessionPolicy);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("Credentials", StsApi.credentials(issued));
    ObjectNode user = out.putObject("AssumedRoleUser");
    user.put("AssumedRoleId", role.roleId() + ":" + sessionName);
    user.put("Arn", IamArns.assumedRole(role.accountId(), role.roleName(), sessionName));
    out.put("PackedPolicySize", 0);
    return out;
  }

  /**
   * The role the ARN names. An unknown role is answered as a denial, not NoSuchEntity, so that
   * AssumeRole does not reveal which roles exist.
   */
  private IamRole role(RequestContext ctx, String roleArn) {
    java.util.regex.Matcher m = ROLE_ARN.matcher(roleArn);
    if (!m.matches()) {
      throw new ValidationException(
          "1 validation error detected: Value '"
              + roleArn
              + "' at 'roleArn' failed to satisfy constraint: Member must be a role ARN");
    }
    AccessDeniedException denied =
        new AccessDeniedException(
            "User: "
                + ctx.caller().arn()
                + " is not authorized to perform: sts:AssumeRole on resource: "
                + roleArn);
    try {
      IamRole role = sessions.role(m.group(1), m.group(3));
      if (!role.arn().equals(roleArn)) {
        throw denied;
      }
      return role;
    } catch (NoSuchEntityException e) {
      throw denied;
    }
  }

  private static Map<String, String> sessionTags(QueryInput in) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (Map<String, String> t : in.structures("Tags")) {
      String key = t.get("Key");
      String value = t.getOrDefault("Value", "");
      if (key == null || key.isEmpty() || key.length() > 128 || value.length() > 256) {
        throw new ValidationException(
            "1 validation error detected: Value at 'tags' failed to satisfy constraint: each tag"
                + " needs a Key of 1 to 128 characters and a Value of at most 256.");
      }
      tags.put(key, value);
    }
    if (tags.size() > MAX_SESSION_TAGS) {
      throw new ValidationException(
          "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must"
              + " have length less than or equal to "
              + MAX_SESSION_TAGS);
    }
    return tags;
  }
}
