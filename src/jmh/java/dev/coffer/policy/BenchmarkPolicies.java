package dev.coffer.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * The policies of the policy benchmarks: an IAM user {@code dev/alice} (tag {@code team=team-7})
 * with 10 identity policies of 4 statements each (40 statements) asking for GetSecretValue on
 * {@link #SECRET}. Wildcard actions, resource patterns with and without policy variables, string
 * and tag conditions, and a Deny that does not match, so every statement must be looked at; only
 * the last policy allows the request.
 */
final class BenchmarkPolicies {
  static final String ACCOUNT = "123456789012";
  static final String SECRET =
      "arn:aws:secretsmanager:us-east-1:" + ACCOUNT + ":secret:team-7/alice/db-AbCdEf";

  private BenchmarkPolicies() {}

  /** The 10 policy documents, as JSON. */
  static List<String> documents() {
    List<String> out = new ArrayList<>();
    for (int p = 0; p < 10; p++) {
      out.add(policy(p));
    }
    return out;
  }

  /** Policy {@code p}: only the last one allows the request; a Deny is a near miss in each. */
  private static String policy(int p) {
    String team = p == 9 ? "${aws:PrincipalTag/team}" : "team-" + p;
    return "{\"Version\":\"2012-10-17\",\"Statement\":["
        + "{\"Sid\":\"Read"
        + p
        + "\",\"Effect\":\"Allow\",\"Action\":[\"secretsmanager:GetSecretValue\","
        + "\"secretsmanager:DescribeSecret\"],\"Resource\":\"arn:aws:secretsmanager:*:"
        + ACCOUNT
        + ":secret:"
        + team
        + "/${aws:username}/*\"},"
        + "{\"Sid\":\"List"
        + p
        + "\",\"Effect\":\"Allow\",\"Action\":\"secretsmanager:List*\",\"Resource\":\"*\"},"
        + "{\"Sid\":\"Tagged"
        + p
        + "\",\"Effect\":\"Allow\",\"Action\":\"secretsmanager:Get*\",\"Resource\":\"*\","
        + "\"Condition\":{\"StringEquals\":{\"secretsmanager:ResourceTag/owner\":\"owner-"
        + p
        + "\"}}},"
        + "{\"Sid\":\"NoPlainHttp"
        + p
        + "\",\"Effect\":\"Deny\",\"Action\":\"secretsmanager:*\",\"Resource\":\"*\","
        + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"},"
        + "\"NotIpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}"
        + "]}";
  }
}
