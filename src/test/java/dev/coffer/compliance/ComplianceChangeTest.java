package dev.coffer.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComplianceChangeTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  static EvaluationResult result(String rule, String arn, ComplianceType type) {
    return new EvaluationResult(
        "111122223333",
        "us-east-1",
        rule,
        EvaluationResult.SECRET_TYPE,
        arn,
        type,
        Optional.empty(),
        T,
        T,
        T);
  }

  @Test
  void firstResult_oldTypeIsInsufficientData() {
    var change =
        new ComplianceChange(
            "111122223333",
            "us-east-1",
            "r",
            "arn:aws:config:us-east-1:111122223333:config-rule/config-rule-abcdef",
            EvaluationResult.SECRET_TYPE,
            "arn:s",
            "s",
            Optional.empty(),
            result("r", "arn:s", ComplianceType.NON_COMPLIANT),
            T);
    assertThat(change.oldComplianceType()).isEqualTo(ComplianceType.INSUFFICIENT_DATA);
    assertThat(change.newComplianceType()).isEqualTo(ComplianceType.NON_COMPLIANT);
  }

  @Test
  void filter_narrowsByEachComponent() {
    var r = result("rule-a", "arn:s", ComplianceType.COMPLIANT);
    assertThat(EvaluationFilter.all().matches(r)).isTrue();
    assertThat(EvaluationFilter.all().withRule("rule-a").matches(r)).isTrue();
    assertThat(EvaluationFilter.all().withRule("rule-b").matches(r)).isFalse();
    assertThat(EvaluationFilter.all().withAccount("999999999999").matches(r)).isFalse();
    assertThat(EvaluationFilter.all().withRegion("eu-west-1").matches(r)).isFalse();
    assertThat(EvaluationFilter.all().withResource("arn:other").matches(r)).isFalse();
  }

  @Test
  void complianceType_parsesOnlyWireValues() {
    assertThat(ComplianceType.parse("NON_COMPLIANT")).contains(ComplianceType.NON_COMPLIANT);
    assertThat(ComplianceType.parse("non_compliant")).isEmpty();
  }
}
