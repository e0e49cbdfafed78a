package dev.coffer.kms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.policy.PolicyKind;
import dev.coffer.policy.PolicyParser;

/**
 * Key policies: the default policies AWS attaches, and validation of the ones callers supply. Only
 * the policy name {@code default} exists (KMS GetKeyPolicy/PutKeyPolicy PolicyName).
 */
final class KeyPolicies {
  static final String NAME = "default";
  private static final ObjectMapper JSON = new ObjectMapper();

  private KeyPolicies() {}

  /**
   * The policy CreateKey attaches when the caller gives none (KMS Developer Guide, "Default key
   * policy"): the account root may do everything, which lets IAM policies in the account grant
   * access to the key.
   */
  static String defaultPolicy(String accountId) {
    ObjectNode doc = document("key-default-1");
    ObjectNode s = ((ArrayNode) doc.get("Statement")).addObject();
    s.put("Sid", "Enable IAM User Permissions");
    s.put("Effect", "Allow");
    s.putObject("Principal").put("AWS", rootArn(accountId));
    s.put("Action", "kms:*");
    s.put("Resource", "*");
    return pretty(doc);
  }

  /**
   * The policy of the AWS managed key {@code aws/secretsmanager}: principals of the account may use
   * it for cryptography only through Secrets Manager in this region, and the account may read its
   * metadata. Nobody may change it.
   */
  static String secretsManagerPolicy(String accountId, String region) {
    String via = "secretsmanager." + region + ".amazonaws.com";
    String sid =
        "Allow access through AWS Secrets Manager for all principals in the account that are"
            + " authorized to use AWS Secrets Manager";
    ObjectNode doc = document("auto-secretsmanager-2");
    ArrayNode statements = (ArrayNode) doc.get("Statement");
    ObjectNode use = statements.addObject();
    use.put("Sid", sid);
    use.put("Effect", "Allow");
    use.putObject("Principal").put("AWS", "*");
    ArrayNode actions = use.putArray("Action");
    for (String a :
        new String[] {
          "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:CreateGrant", "kms:DescribeKey"
        }) {
      actions.add(a);
    }
    use.put("Resource", "*");
    ObjectNode cond = use.putObject("Condition").putObject("StringEquals");
    cond.put("kms:CallerAccount", accountId);
    cond.put("kms:ViaService", via);
    ObjectNode gen = statements.addObject();
    gen.put("Sid", sid);
    gen.put("Effect", "Allow");
    gen.putObject("Principal").put("AWS", "*");
    gen.put("Action", "kms:GenerateDataKey*");
    gen.put("Resource", "*");
    ObjectNode c = gen.putObject("Condition");
    c.putObject("StringEquals").put("kms:CallerAccount", accountId);
    c.putObject("StringLike").put("kms:ViaService", via);
    ObjectNode meta = statements.addObject();
    meta.put("Sid", "Allow direct access to key metadata to the account");
    meta.put("Effect", "Allow");
    meta.putObject("Principal").put("AWS", rootArn(accountId));
    ArrayNode read = meta.putArray("Action");
    for (String a : new String[] {"kms:Describe*", "kms:Get*", "kms:List*", "kms:RevokeGrant"}) {
      read.add(a);
    }
    meta.put("Resource", "*");
    return pretty(doc);
  }

  /**
   * Checks a caller's key policy.
   *
   * @throws dev.coffer.core.error.MalformedPolicyDocumentException when it is not a valid key
   *     policy
   */
  static void validate(String policy) {
    PolicyParser.parse(policy, PolicyKind.KEY);
  }

  private static ObjectNode document(String id) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("Version", "2012-10-17");
    doc.put("Id", id);
    doc.putArray("Statement");
    return doc;
  }

  private static String rootArn(String accountId) {
    return "arn:aws:iam::" + accountId + ":root";
  }

  /** Indented as AWS returns its default policies from GetKeyPolicy. */
  private static String pretty(ObjectNode doc) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
