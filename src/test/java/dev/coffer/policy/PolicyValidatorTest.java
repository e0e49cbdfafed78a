package dev.coffer.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.policy.PolicyValidator.ValidationResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ValidateResourcePolicy's three checks (compliance-and-iam.md §3.3). */
class PolicyValidatorTest {
  private static final String SECRET =
      "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf";
  private static final RequestPrincipal ADMIN =
      RequestPrincipal.user("arn:aws:iam::111122223333:user/admin", "AIDAADMIN", Map.of());

  @Test
  void validate_specificPrincipal_passes() {
    ValidationResult r =
        PolicyValidator.validate(
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::444455556666:role/Reader\"},\"Action\":"
                + "\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"}}",
            SECRET,
            ADMIN);
    assertThat(r.policyValidationPassed()).isTrue();
    assertThat(r.errors()).isEmpty();
  }

  @Test
  void validate_wildcardPrincipal_failsBroadAccess() {
    ValidationResult r =
        PolicyValidator.validate(
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"Open\",\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"}}",
            SECRET,
            ADMIN);
    assertThat(r.policyValidationPassed()).isFalse();
    assertThat(r.errors())
        .singleElement()
        .satisfies(e -> {
          assertThat(e.checkName()).isEqualTo(PolicyValidator.BROAD_ACCESS_CHECK);
          assertThat(e.errorMessage())
              .startsWith("Statement 1 (Sid \"Open\") grants access to all principals");
        });
  }

  @Test
  void validate_syntaxError_reportsSyntaxCheck() {
    ValidationResult r = PolicyValidator.validate("{\"Statement\":{}}", SECRET, ADMIN);
    assertThat(r.errors())
        .singleElement()
        .satisfies(e -> {
          assertThat(e.checkName()).isEqualTo(PolicyValidator.SYNTAX_CHECK);
          assertThat(e.errorMessage()).contains("Statement 1: missing Effect");
        });
  }

  @Test
  void validate_denyAllForCaller_reportsLockout() {
    ValidationResult r =
        PolicyValidator.validate(
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Principal\":"
                + "{\"AWS\":\"111122223333\"},\"Action\":\"secretsmanager:*\",\"Resource\":\"*\"}}",
            SECRET,
            ADMIN);
    assertThat(r.errors())
        .extracting(PolicyValidator.ValidationError::checkName)
        .containsExactly(PolicyValidator.LOCKOUT_CHECK);
  }
}
