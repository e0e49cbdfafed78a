package dev.coffer.protocol;

import java.util.Set;

/**
 * The operations that change no state, by name, across the APIs Coffer serves: CloudTrail records
 * them with {@code readOnly: true} and no {@code responseElements}, and the endpoint audits them
 * through the group commit instead of a write transaction. Operation names not listed are treated
 * as state-changing, which is the safe side: a write transaction is never wrong, only slower.
 */
public final class ReadOnlyOperations {
  private static final Set<String> NAMES =
      Set.of(
          // Secrets Manager
          "GetSecretValue",
          "BatchGetSecretValue",
          "DescribeSecret",
          "ListSecrets",
          "ListSecretVersionIds",
          "GetResourcePolicy",
          "GetRandomPassword",
          "ValidateResourcePolicy",
          // KMS: reads and cryptographic operations that store nothing
          "DescribeKey",
          "ListKeys",
          "ListAliases",
          "ListGrants",
          "ListKeyPolicies",
          "ListResourceTags",
          "GetKeyPolicy",
          "GetKeyRotationStatus",
          "GetPublicKey",
          "Encrypt",
          "Decrypt",
          "ReEncrypt",
          "GenerateDataKey",
          "GenerateDataKeyWithoutPlaintext",
          "GenerateRandom",
          "Sign",
          "Verify",
          // IAM and STS reads
          "GetUser",
          "ListUsers",
          "ListAccessKeys",
          "GetAccessKeyLastUsed",
          "GetRole",
          "ListRoles",
          "GetGroup",
          "ListGroups",
          "ListGroupsForUser",
          "ListPolicies",
          "ListPolicyVersions",
          "ListEntitiesForPolicy",
          "GetUserPolicy",
          "GetGroupPolicy",
          "GetRolePolicy",
          "ListUserPolicies",
          "ListGroupPolicies",
          "ListRolePolicies",
          "GetPolicy",
          "GetPolicyVersion",
          "ListAttachedUserPolicies",
          "ListAttachedGroupPolicies",
          "ListAttachedRolePolicies",
          "GetCallerIdentity",
          // CloudTrail and Coffer's own audit API
          "LookupEvents",
          "ListAuditEvents",
          "ListAuditDigests",
          "GetAuditHead",
          "GetAuditPublicKeys",
          // AWS Config and Coffer's compliance API
          "DescribeConfigRules",
          "DescribeComplianceByConfigRule",
          "DescribeComplianceByResource",
          "GetComplianceDetailsByConfigRule",
          "GetComplianceDetailsByResource",
          "GetResourceConfigHistory",
          "DescribeConfigurationAggregators",
          "DescribeAggregateComplianceByConfigRules",
          "GetAggregateComplianceDetailsByConfigRule",
          "DescribeRemediationConfigurations",
          "DescribeRemediationExecutionStatus",
          "DescribeRemediationExceptions",
          "GetFindings",
          "ListAccessAnalyzerFindings");

  private ReadOnlyOperations() {}

  public static boolean contains(String operationName) {
    return NAMES.contains(operationName);
  }
}
