package dev.coffer.rotation.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Which function ARNs name a built-in rotator, and how the MySQL rotator quotes values. */
class BuiltinRotatorsTest {

  @Test
  void builtinName_anyPartitionRegionAccountAndQualifier_isRecognised() {
    assertThat(
            BuiltinRotators.builtinName(
                "arn:aws:lambda:us-east-1:123456789012:function:coffer-mysql-single-user"))
        .contains(BuiltinRotators.MYSQL_SINGLE_USER);
    assertThat(
            BuiltinRotators.builtinName(
                "arn:aws:lambda:eu-west-3:999999999999:function:coffer-mysql-multi-user"))
        .contains(BuiltinRotators.MYSQL_MULTI_USER);
    assertThat(
            BuiltinRotators.builtinName(
                "arn:aws-cn:lambda:cn-north-1:111111111111:function:coffer-postgresql-single-user"))
        .contains(BuiltinRotators.POSTGRESQL_SINGLE_USER);
    assertThat(
            BuiltinRotators.builtinName(
                "arn:aws-us-gov:lambda:us-gov-west-1:111111111111:function:"
                    + "coffer-postgresql-multi-user:live"))
        .contains(BuiltinRotators.POSTGRESQL_MULTI_USER);
    assertThat(
            BuiltinRotators.builtinName(
                "arn:aws:lambda:ap-south-1:123456789012:function:coffer-random-password:$LATEST"))
        .contains(BuiltinRotators.RANDOM_PASSWORD);
  }

  @Test
  void builtinName_otherFunctionsAndMalformedArns_areNotBuiltIn() {
    assertThat(
            BuiltinRotators.builtinName(
                "arn:aws:lambda:us-east-1:123456789012:function:my-rotation-function"))
        .isEmpty();
    assertThat(
            BuiltinRotators.builtinName(
                "arn:aws:lambda:us-east-1:123456789012:function:coffer-mysql-single-user-v2"))
        .isEmpty();
    assertThat(
            BuiltinRotators.builtinName(
                "arn:aws:lambda:us-east-1:12345:function:coffer-mysql-single-user"))
        .isEmpty();
    assertThat(BuiltinRotators.builtinName("coffer-mysql-single-user")).isEmpty();
    assertThat(
            BuiltinRotators.builtinName(
                "arn:aws:secretsmanager:us-east-1:123456789012:function:coffer-random-password"))
        .isEmpty();
  }

  @Test
  void mysqlLiteral_doublesQuotesAndRefusesBackslashes() {
    assertThat(MysqlDatabase.literal("it's")).isEqualTo("'it''s'");
    assertThatThrownBy(() -> MysqlDatabase.literal("a\\b"))
        .isInstanceOf(StepFailure.class)
        .hasMessageContaining("ExcludeCharacters");
  }
}
