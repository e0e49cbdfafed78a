package dev.coffer.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Public and cross-account findings (compliance-and-iam.md §3.1 working definition). */
class AccessAnalyzerTest {
  private static final String OWNER = "111122223333";

  private static List<AccessFinding> analyze(String principal, String condition) {
    String json =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":"
            + principal
            + ",\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\""
            + (condition.isEmpty() ? "" : ",\"Condition\":" + condition)
            + "}}";
    return AccessAnalyzer.analyze(PolicyParser.parse(json, PolicyKind.RESOURCE), OWNER);
  }

  @ParameterizedTest(name = "{0} {1} → public={2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"*\"||true",
        "{\"AWS\":\"*\"}||true",
        "{\"AWS\":\"arn:aws:iam::*:root\"}||true",
        "\"*\"|{\"StringEquals\":{\"aws:SourceIp\":\"10.0.0.1\"}}|true",
        "\"*\"|{\"IpAddress\":{\"aws:SourceIp\":\"0.0.0.0/0\"}}|true",
        "\"*\"|{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}|false",
        "\"*\"|{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc\"}}|false",
        "\"*\"|{\"StringLike\":{\"aws:PrincipalOrgID\":\"o-*\"}}|true",
        "\"*\"|{\"StringEquals\":{\"aws:SourceVpce\":\"vpce-1a2b\"}}|false",
        "\"*\"|{\"StringEquals\":{\"aws:SourceVpc\":\"vpc-1a2b\"}}|false",
        "\"*\"|{\"StringNotEquals\":{\"aws:PrincipalOrgID\":\"o-abc\"}}|true",
        "\"*\"|{\"StringEqualsIfExists\":{\"aws:SourceVpce\":\"vpce-1a2b\"}}|true",
        "\"*\"|{\"ForAllValues:StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc\"}}|true",
        "\"*\"|{\"StringEquals\":{\"aws:userid\":\"AIDAEXAMPLE\"}}|false",
        "\"*\"|{\"StringLike\":{\"aws:userid\":\"AROAEXAMPLE:*\"}}|false",
        "\"*\"|{\"StringLike\":{\"aws:userid\":\"*\"}}|true",
        "\"*\"|{\"StringEquals\":{\"aws:PrincipalAccount\":\"444455556666\"}}|false",
        "\"*\"|{\"StringLike\":{\"aws:PrincipalAccount\":\"4444*\"}}|true",
        "\"*\"|{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::444455556666:role/*\"}}|false",
        "\"*\"|{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/Admin\"}}|true",
        "{\"AWS\":\"444455556666\"}||false",
      })
  void analyze_principalAndCondition_publicness(String principal, String condition, boolean pub) {
    List<AccessFinding> f = analyze(principal, condition == null ? "" : condition);
    assertThat(f).hasSize(1);
    assertThat(f.get(0).isPublic()).isEqualTo(pub);
  }

  @Test
  void analyze_ownAccountOnly_noFinding() {
    assertThat(analyze("{\"AWS\":\"arn:aws:iam::111122223333:role/App\"}", "")).isEmpty();
    assertThat(analyze("{\"AWS\":\"111122223333\"}", "")).isEmpty();
    assertThat(analyze("\"*\"", "{\"StringEquals\":{\"aws:PrincipalAccount\":\"111122223333\"}}"))
        .isEmpty();
  }

  @Test
  void analyze_servicePrincipal_ignored() {
    assertThat(analyze("{\"Service\":\"lambda.amazonaws.com\"}", "")).isEmpty();
  }

  @Test
  void analyze_externalAccounts_listed() {
    List<AccessFinding> f =
        analyze(
            "{\"AWS\":[\"444455556666\",\"arn:aws:iam::777788889999:user/x\",\"111122223333\"]}",
            "");
    assertThat(f.get(0).externalAccounts())
        .containsExactlyInAnyOrder("444455556666", "777788889999");
    assertThat(f.get(0).actions()).containsExactly("secretsmanager:GetSecretValue");
  }

  @Test
  void analyze_conditionNarrowsExternalPrincipalsToOwner_noFinding() {
    assertThat(
            analyze(
                "{\"AWS\":\"444455556666\"}",
                "{\"StringEquals\":{\"aws:PrincipalAccount\":\"111122223333\"}}"))
        .isEmpty();
  }

  @Test
  void analyze_findingCarriesLimitingCondition() {
    AccessFinding f =
        analyze("\"*\"", "{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc\"}}").get(0);
    assertThat(f.condition()).containsEntry("aws:PrincipalOrgID", List.of("o-abc"));
  }

  @Test
  void analyze_notPrincipalAllow_isPublic() {
    assertThat(analyze("{\"AWS\":\"444455556666\"}", "")).hasSize(1);
    String json =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"NotPrincipal\":"
            + "{\"AWS\":\"444455556666\"},\"Action\":\"*\",\"Resource\":\"*\"}}";
    assertThat(
            AccessAnalyzer.allowsPublicAccess(PolicyParser.parse(json, PolicyKind.RESOURCE), OWNER))
        .isTrue();
  }

  @Test
  void analyze_denyUnlessOwnAccount_cancelsPublicAllow() {
    String json =
        "{\"Version\":\"2012-10-17\",\"Statement\":["
            + "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"},"
            + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\","
            + "\"Condition\":{\"StringNotEquals\":{\"aws:PrincipalAccount\":\"111122223333\"}}}]}";
    PolicyDocument doc = PolicyParser.parse(json, PolicyKind.RESOURCE);
    assertThat(AccessAnalyzer.analyze(doc, OWNER)).isEmpty();
    assertThat(AccessAnalyzer.allowsPublicAccess(doc, OWNER)).isFalse();
  }

  @Test
  void analyze_denyOnlies_noFindings() {
    String json =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Principal\":\"*\","
            + "\"Action\":\"*\",\"Resource\":\"*\"}}";
    assertThat(AccessAnalyzer.analyze(PolicyParser.parse(json, PolicyKind.RESOURCE), OWNER))
        .isEmpty();
  }
}
