package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.policy.PolicyValidator;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.secrets.SecretPolicies;

/**
 * ValidateResourcePolicy: PolicyValidationPassed and the failed checks as ValidationErrors
 * (CheckName, ErrorMessage); SecretId is optional.
 */
public final class ValidateResourcePolicyHandler implements Operation {
  private final SecretPolicies policies;

  public ValidateResourcePolicyHandler(SecretPolicies policies) {
    this.policies = policies;
  }

  @Override
  public String name() {
    return "ValidateResourcePolicy";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    var secretId = in.string("SecretId", 1, 2048);
    String policy = in.requiredString("ResourcePolicy", 1, SecretPolicies.MAX_POLICY_CHARS);
    in.validate();
    PolicyValidator.ValidationResult r = policies.validate(ctx, secretId, policy);
    ObjectNode out = Json.object().put("PolicyValidationPassed", r.policyValidationPassed());
    ArrayNode errors = out.putArray("ValidationErrors");
    for (PolicyValidator.ValidationError e : r.errors()) {
      errors.addObject().put("CheckName", e.checkName()).put("ErrorMessage", e.errorMessage());
    }
    return out;
  }
}
