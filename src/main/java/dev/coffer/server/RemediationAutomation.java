package dev.coffer.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.audit.ApiCall;
import dev.coffer.audit.AuditEvents;
import dev.coffer.audit.AuditLog;
import dev.coffer.audit.Identity;
import dev.coffer.auth.CredentialSource;
import dev.coffer.auth.iam.IdentityLoader;
import dev.coffer.auth.iam.Sessions;
import dev.coffer.compliance.remediation.Automation;
import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.AccessDeniedException;
import dev.coffer.core.error.CofferException;
import dev.coffer.core.error.NoSuchEntityException;
import dev.coffer.core.iam.IamRole;
import dev.coffer.policy.AuthorizationRequest;
import dev.coffer.policy.Authorizer;
import dev.coffer.policy.Decision;
import dev.coffer.policy.PolicyEvaluator;
import dev.coffer.policy.PolicyKind;
import dev.coffer.policy.RequestPrincipal;
import dev.coffer.protocol.AwsJsonEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runbooks' principal: assumes the AutomationAssumeRole as Systems Manager does (the service
 * principal {@code ssm.amazonaws.com} must be trusted by the role's trust policy), with a real STS
 * session, and sends the runbook's calls through the awsJson endpoint as that session, so that they
 * are validated, authorized by the role's policies and audited with the session as userIdentity.
 * The AssumeRole itself is audited as a call by {@code ssm.amazonaws.com}.
 */
final class RemediationAutomation implements Automation {
  static final String SSM = "ssm.amazonaws.com";
  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws:iam::(\\d{12}):role(/|/[\\u0021-\\u007E]+/)([\\w+=,.@-]{1,64})");
  private static final Duration SESSION = Duration.ofHours(1);

  private final Sessions sessions;
  private final IdentityLoader identities;
  private final Authorizer authorizer;
  private final Supplier<AwsJsonEndpoint> endpoint;
  private final AuditLog audit;
  private final Clock clock;

  RemediationAutomation(
      Sessions sessions,
      IdentityLoader identities,
      Authorizer authorizer,
      Supplier<AwsJsonEndpoint> endpoint,
      AuditLog audit,
      Clock clock) {
    this.sessions = sessions;
    this.identities = identities;
    this.authorizer = authorizer;
    this.endpoint = endpoint;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public Session assumeRole(String accountId, String region, String roleArn, String sessionName) {
    ObjectNode input =
        JsonNodeFactory.instance
            .objectNode()
            .put("roleArn", roleArn)
            .put("roleSessionName", sessionName);
    try {
      IamRole role = trustedRole(roleArn);
      Sessions.Issued issued =
          sessions.assumeRole(role, sessionName, SESSION, Map.of(), Optional.empty());
      Caller caller =
          identities
              .load(issued.accessKeyId())
              .map(CredentialSource.Loaded::credential)
              .map(c -> c.caller())
              .orElseThrow(() -> denied(roleArn));
      ObjectNode output = JsonNodeFactory.instance.objectNode();
      output.putObject("credentials").put("accessKeyId", issued.accessKeyId());
      output
          .putObject("assumedRoleUser")
          .put("arn", caller.arn())
          .put("assumedRoleId", caller.principalId());
      record(accountId, region, input, Optional.of(output), Optional.empty());
      return new RoleSession(caller, region);
    } catch (CofferException e) {
      record(accountId, region, input, Optional.empty(), Optional.of(e));
      throw e;
    }
  }

  /** The role, if its trust policy lets Systems Manager assume it. */
  private IamRole trustedRole(String roleArn) {
    Matcher m = ROLE_ARN.matcher(roleArn);
    if (!m.matches()) {
      throw denied(roleArn);
    }
    IamRole role;
    try {
      role = sessions.role(m.group(1), m.group(3));
    } catch (NoSuchEntityException e) {
      throw denied(roleArn);
    }
    if (!role.arn().equals(roleArn)) {
      throw denied(roleArn);
    }
    Decision d =
        PolicyEvaluator.evaluate(
            AuthorizationRequest.builder(RequestPrincipal.service(SSM), "sts:AssumeRole", roleArn)
                .resourceAccount(role.accountId())
                .context(Map.of("aws:PrincipalServiceName", List.of(SSM)))
                .resourcePolicy(authorizer.parse(role.trustPolicy(), PolicyKind.TRUST))
                .build());
    if (!d.allowed()) {
      throw denied(roleArn);
    }
    return role;
  }

  private static AccessDeniedException denied(String roleArn) {
    return new AccessDeniedException(
        "User: " + SSM + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
  }

  private void record(
      String accountId,
      String region,
      ObjectNode input,
      Optional<ObjectNode> output,
      Optional<CofferException> error) {
    audit.record(
        List.of(
            AuditEvents.apiCall(
                new ApiCall(
                    UUID.randomUUID().toString(),
                    clock.instant(),
                    Identity.service(accountId, SSM),
                    region,
                    SSM,
                    SSM,
                    "sts.amazonaws.com",
                    "AssumeRole",
                    false,
                    input,
                    output,
                    error.map(
                        e -> e instanceof AccessDeniedException ? "AccessDenied" : e.errorCode()),
                    error.map(CofferException::getMessage),
                    Optional.empty(),
                    Optional.empty()))));
  }

  /** A role session whose calls go through the endpoint. */
  private final class RoleSession implements Session {
    private final Caller caller;
    private final String region;

    RoleSession(Caller caller, String region) {
      this.caller = caller;
      this.region = region;
    }

    @Override
    public String arn() {
      return caller.arn();
    }

    @Override
    public ObjectNode call(String operation, ObjectNode input) {
      RequestContext ctx =
          new RequestContext(
              UUID.randomUUID().toString(),
              clock.instant(),
              caller,
              region,
              "127.0.0.1",
              SSM,
              true,
              Optional.empty());
      return endpoint.get().invoke(ctx, "secretsmanager." + operation, input);
    }
  }
}
