package dev.coffer.compliance.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.error.InvalidParameterValueException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runbooks' parameter rules (compliance-and-iam.md §5) and how values are resolved. */
class RunbookTest {
  static final String ROLE = "arn:aws:iam::123456789012:role/config-remediation";

  static Map<String, ParameterValue> rotate(String interval) {
    return Map.of(
        "AutomationAssumeRole", ParameterValue.of(ROLE),
        "RotationInterval", ParameterValue.of(interval),
        "RotationLambdaArn", ParameterValue.of("arn:aws:lambda:us-east-1:123456789012:function:f"),
        "SecretId", ParameterValue.resourceId());
  }

  @Test
  void rotateSecret_intervalBounds_areOneTo365() {
    Runbook.ROTATE_SECRET.validate(rotate("1"));
    Runbook.ROTATE_SECRET.validate(rotate("365"));
    for (String bad : new String[] {"0", "366", "x", "1.5"}) {
      assertThatThrownBy(() -> Runbook.ROTATE_SECRET.validate(rotate(bad)))
          .isInstanceOf(InvalidParameterValueException.class)
          .hasMessageContaining("RotationInterval");
    }
  }

  @Test
  void deleteSecret_recoveryWindow_defaultsTo30_andIsSevenTo30() {
    Map<String, ParameterValue> given =
        Map.of(
            "AutomationAssumeRole",
            ParameterValue.of(ROLE),
            "SecretId",
            ParameterValue.resourceId());
    Runbook.DELETE_SECRET.validate(given);
    assertThat(Runbook.DELETE_SECRET.resolve(given, "arn:s"))
        .containsEntry("RecoveryWindowInDays", "30")
        .containsEntry("SecretId", "arn:s")
        .containsEntry("AutomationAssumeRole", ROLE);
    for (String bad : new String[] {"6", "31"}) {
      Map<String, ParameterValue> withWindow = new java.util.HashMap<>(given);
      withWindow.put("RecoveryWindowInDays", ParameterValue.of(bad));
      assertThatThrownBy(() -> Runbook.DELETE_SECRET.validate(withWindow))
          .isInstanceOf(InvalidParameterValueException.class);
    }
  }

  @Test
  void validate_unknownMissingOrMisplacedParameters_areRefused() {
    Map<String, ParameterValue> extra = new java.util.HashMap<>(rotate("30"));
    extra.put("Foo", ParameterValue.of("x"));
    assertThatThrownBy(() -> Runbook.ROTATE_SECRET.validate(extra))
        .hasMessageContaining("Foo is not a parameter");
    Map<String, ParameterValue> missing = new java.util.HashMap<>(rotate("30"));
    missing.remove("RotationLambdaArn");
    assertThatThrownBy(() -> Runbook.ROTATE_SECRET.validate(missing))
        .hasMessageContaining("required");
    Map<String, ParameterValue> roleFromResource = new java.util.HashMap<>(rotate("30"));
    roleFromResource.put("AutomationAssumeRole", ParameterValue.resourceId());
    assertThatThrownBy(() -> Runbook.ROTATE_SECRET.validate(roleFromResource))
        .hasMessageContaining("resource id");
    Map<String, ParameterValue> twoValues = new java.util.HashMap<>(rotate("30"));
    twoValues.put("RotationInterval", ParameterValue.of("30", "60"));
    assertThatThrownBy(() -> Runbook.ROTATE_SECRET.validate(twoValues))
        .hasMessageContaining("exactly one");
    Map<String, ParameterValue> notARole = new java.util.HashMap<>(rotate("30"));
    notARole.put("AutomationAssumeRole", ParameterValue.of("arn:aws:iam::123456789012:user/u"));
    assertThatThrownBy(() -> Runbook.ROTATE_SECRET.validate(notARole))
        .hasMessageContaining("ARN of an IAM role");
  }

  @Test
  void byName_knowsTheTwoSecretsManagerRunbooks() {
    assertThat(Runbook.byName("AWSConfigRemediation-RotateSecret")).contains(Runbook.ROTATE_SECRET);
    assertThat(Runbook.byName("AWSConfigRemediation-DeleteSecret")).contains(Runbook.DELETE_SECRET);
    assertThat(Runbook.byName("AWS-RunShellScript")).isEmpty();
  }
}
