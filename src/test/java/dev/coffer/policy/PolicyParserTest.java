package dev.coffer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.error.MalformedPolicyDocumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parser rejections and their messages (compliance-and-iam.md §4.1 grammar). */
class PolicyParserTest {
  private static final String ALLOW =
      "{\"Effect\":\"Allow\",\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"";

  private static String identity(String statementBody) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statementBody + "]}";
  }

  private static void assertRejected(String json, PolicyKind kind, String message) {
    assertThatThrownBy(() -> PolicyParser.parse(json, kind))
        .isInstanceOf(MalformedPolicyDocumentException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"Effect\":\"allow\",\"Action\":\"*\",\"Resource\":\"*\"}|Statement 1: Effect must be \"Allow\" or \"Deny\", not \"allow\"",
        "{\"Action\":\"*\",\"Resource\":\"*\"}|Statement 1: missing Effect",
        "{\"Effect\":\"Allow\",\"Resource\":\"*\"}|Statement 1: missing Action or NotAction",
        "{\"Effect\":\"Allow\",\"Action\":\"*\"}|Statement 1: missing Resource or NotResource",
        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"NotAction\":\"s:x\",\"Resource\":\"*\"}|Statement 1: cannot have both Action and NotAction",
        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"NotResource\":\"*\"}|Statement 1: cannot have both Resource and NotResource",
        "{\"Effect\":\"Allow\",\"Action\":\"GetSecretValue\",\"Resource\":\"*\"}|Statement 1: Action \"GetSecretValue\" must be \"*\" or have the form \"service:action\"",
        "{\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"*\"}|Statement 1: Action must not be an empty list",
        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"secret\"}|Statement 1: Resource \"secret\" must be \"*\" or an ARN",
        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Principal\":\"*\"}|Statement 1: an identity-based policy must not specify a Principal",
        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Foo\":1}|Statement 1: unknown element \"Foo\"",
        "{\"Sid\":\"a b\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}|Sid \"a b\" must be alphanumeric",
        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringEqual\":{\"a:b\":\"x\"}}}|Condition operator \"StringEqual\" is not a known condition operator",
        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"NullIfExists\":{\"a:b\":\"true\"}}}|the Null operator cannot take IfExists",
        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"NumericEquals\":{\"a:b\":\"ten\"}}}|\"ten\" is not a number",
        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"DateLessThan\":{\"a:b\":\"soon\"}}}|\"soon\" is not a date",
        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/33\"}}}|is not an IP address or CIDR block",
        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"a:b\":\"yes\"}}}|\"yes\" is not true or false",
        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"BinaryEquals\":{\"a:b\":\"!!\"}}}|is not base64",
        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"nokey\":\"x\"}}}|a condition key has the form \"prefix:name\"",
        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"a:b\":\"x\",\"A:B\":\"y\"}}}|repeats key \"a:b\" with different case",
        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"a:b\":[]}}}|must not be an empty list",
        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"NumericEquals\":{\"a:b\":\"${aws:x}\"}}}|policy variables cannot be used with this operator",
        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"a:b\":\"${aws:x\"}}}|policy variable is missing its closing brace",
        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:secretsmanager:${aws:x}:1:secret:a\"}|policy variables are allowed only in the resource part of an ARN",
        "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"a:b\":{\"x\":1}}}}|values must be strings, numbers or booleans",
      })
  void parse_identityStatementError_namesStatementAndElement(String statement, String message) {
    assertRejected(identity(statement), PolicyKind.IDENTITY, message);
  }

  @Test
  void parse_errorMessage_includesPosition() {
    String json =
        "{\"Version\":\"2012-10-17\",\n\"Statement\":{\"Effect\":\"Permit\",\"Action\":\"*\",\"Resource\":\"*\"}}";
    assertRejected(json, PolicyKind.IDENTITY, "(at line 2, column 23).");
  }

  @Test
  void parse_sidInMessage_whenStatementHasSid() {
    assertRejected(
        identity("{\"Sid\":\"ReadOnly\",\"Effect\":\"Allow\",\"Resource\":\"*\"}"),
        PolicyKind.IDENTITY,
        "Statement 1 (Sid \"ReadOnly\"): missing Action or NotAction");
  }

  @Test
  void parse_secondStatement_isNumberedTwo() {
    assertRejected(
        identity(ALLOW + "},{\"Effect\":\"Allow\",\"Action\":\"*\"}"),
        PolicyKind.IDENTITY,
        "Statement 2: missing Resource");
  }

  @Test
  void parse_resourcePolicyWithoutPrincipal_rejected() {
    assertRejected(
        identity(ALLOW + "}"),
        PolicyKind.RESOURCE,
        "Statement 1: missing Principal (required in a resource-based policy)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"AWS\":\"bob\"}|Invalid principal in policy: \"AWS\":\"bob\"",
        "{\"AWS\":\"arn:aws:s3:::bucket\"}|Invalid principal in policy: \"AWS\":\"arn:aws:s3:::bucket\"",
        "{\"Aws\":\"123456789012\"}|invalid principal type \"Aws\"",
        "{}|Principal must not be an empty object",
        "\"everyone\"|Principal must be \"*\" or an object",
      })
  void parse_badPrincipal_rejected(String principal, String message) {
    assertRejected(
        identity(ALLOW + ",\"Principal\":" + principal + "}"), PolicyKind.RESOURCE, message);
  }

  @Test
  void parse_principalAndNotPrincipal_rejected() {
    assertRejected(
        identity(ALLOW + ",\"Principal\":\"*\",\"NotPrincipal\":\"*\"}"),
        PolicyKind.RESOURCE,
        "cannot have both Principal and NotPrincipal");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[]|Policy document must be a JSON object, not a array",
        "{\"Version\":\"2012-10-17\"}|Policy document must contain a Statement element",
        "{\"Version\":\"2012-10-18\",\"Statement\":[]}|Version must be \"2012-10-17\" or \"2008-10-17\", not \"2012-10-18\"",
        "{\"Version\":\"2012-10-17\",\"Statement\":[]}|Statement must not be an empty list",
        "{\"Version\":\"2012-10-17\",\"Statment\":[]}|unknown element \"Statment\"",
        "{\"Version\":\"2012-10-17\",\"Version\":\"2008-10-17\"}|duplicate key \"Version\" at line 1, column 25",
        "{\"Version\":2012}|Version must be a string, not a number",
        "   |Policy document is empty.",
        "{\"Version\":\"2012-10-17\",|Policy document is not valid JSON",
      })
  void parse_documentLevelError(String json, String message) {
    assertRejected(json == null ? "   " : json, PolicyKind.IDENTITY, message);
  }

  @Test
  void parse_duplicateSid_rejected() {
    String s = "{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}";
    assertRejected(
        identity(s + "," + s),
        PolicyKind.IDENTITY,
        "Statement 2 (Sid \"A\"): Sid \"A\" is used by more than one statement");
  }

  @Test
  void parse_variablesWithoutCurrentVersion_rejected() {
    String json =
        "{\"Version\":\"2008-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
            + "\"Resource\":\"arn:aws:secretsmanager:*:*:secret:${aws:username}\"}}";
    assertRejected(json, PolicyKind.IDENTITY, "policy variables need \"Version\": \"2012-10-17\"");
  }

  @Test
  void parse_overSizeLimit_rejectedWithSize() {
    String json = identity(ALLOW + "}");
    int size = (int) json.chars().filter(c -> !Character.isWhitespace(c)).count();
    assertThatThrownBy(() -> PolicyParser.parse(json, PolicyKind.IDENTITY, size - 1))
        .hasMessage(
            "Policy document is "
                + size
                + " characters long (whitespace not counted); the limit is "
                + (size - 1)
                + ".");
    assertThat(PolicyParser.parse(json + "          ", PolicyKind.IDENTITY, size).statements())
        .hasSize(1);
  }

  @Test
  void parse_defaultLimits_matchSpec() {
    assertThat(PolicyKind.RESOURCE.defaultMaxChars()).isEqualTo(20_480);
    assertThat(PolicyKind.KEY.defaultMaxChars()).isEqualTo(131_072);
  }

  @Test
  void parse_validResourcePolicy_exposesModel() {
    PolicyDocument doc =
        PolicyParser.parse(
            "{\"Version\":\"2012-10-17\",\"Id\":\"x\",\"Statement\":{\"Sid\":\"Read only\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"123456789012\"],"
                + "\"Service\":\"lambda.amazonaws.com\"},\"NotAction\":\"secretsmanager:Delete*\","
                + "\"Resource\":\"*\",\"Condition\":{\"ForAnyValue:StringLikeIfExists\":"
                + "{\"aws:TagKeys\":[\"a*\",1,true]}}}}",
            PolicyKind.RESOURCE);
    Statement s = doc.statements().get(0);
    assertThat(doc.id()).contains("x");
    assertThat(s.sid()).contains("Read only");
    assertThat(s.action().negated()).isTrue();
    assertThat(s.principal().orElseThrow().accounts()).containsExactly("123456789012");
    Condition c = s.conditions().get(0);
    assertThat(c.operatorName()).isEqualTo("ForAnyValue:StringLikeIfExists");
    assertThat(c.values()).containsExactly("a*", "1", "true");
  }
}
