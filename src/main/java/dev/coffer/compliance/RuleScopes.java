package dev.coffer.compliance;

/** Whether a rule's scope covers a secret (AWS Config Scope). */
final class RuleScopes {
  private RuleScopes() {}

  static boolean covers(RuleScope scope, SecretState s) {
    if (!scope.complianceResourceTypes().isEmpty()
        && !scope.complianceResourceTypes().contains(EvaluationResult.SECRET_TYPE)) {
      return false;
    }
    if (scope.complianceResourceId().isPresent()
        && !scope.complianceResourceId().get().equals(s.arn())
        && !scope.complianceResourceId().get().equals(s.name())) {
      return false;
    }
    if (scope.tagKey().isPresent()) {
      String value = s.tags().get(scope.tagKey().get());
      if (value == null) {
        return false;
      }
      return scope.tagValue().map(value::equals).orElse(true);
    }
    return true;
  }
}
