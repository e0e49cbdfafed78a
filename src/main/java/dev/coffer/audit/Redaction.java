package dev.coffer.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * What of a call's input and output goes into its audit record: everything the API models do not
 * mark {@code sensitive}, with member names in CloudTrail's lower camel case ({@code secretId}).
 * CloudTrail never logs sensitive members (Secrets Manager User Guide, "Logging with CloudTrail";
 * the models' {@code sensitive} trait), so this one table lists them; they are dropped wherever
 * they occur, at any depth, in requests and responses of every operation.
 */
public final class Redaction {
  /** Members marked sensitive in the Secrets Manager and KMS models, plus credential members. */
  static final Set<String> SENSITIVE =
      Set.of(
          // Secrets Manager: CreateSecret, PutSecretValue, UpdateSecret, GetSecretValue,
          // BatchGetSecretValue, GetRandomPassword, PutSecretValue's RotationToken.
          "SecretString",
          "SecretBinary",
          "RandomPassword",
          "RotationToken",
          // KMS: Encrypt/Decrypt/GenerateDataKey plaintexts, GenerateRandom, key material.
          "Plaintext",
          "KeyMaterial",
          "PrivateKeyPlaintext",
          // Credentials (STS, IAM access keys) and rotation function secrets.
          "SecretAccessKey",
          "SessionToken",
          "Password",
          // Coffer's operator API: unseal shares, the seal passphrase, the token PIN.
          "UnsealKey",
          "UnsealShares");

  /**
   * Members whose value is a map: their keys are data (version ids, encryption context keys), not
   * member names, and keep their case.
   */
  static final Set<String> MAPS = Set.of("VersionIdsToStages", "EncryptionContext");

  /**
   * Operations whose whole response is left out even if they were not read-only (CloudTrail logs no
   * response elements for reads): those whose output is nothing but a secret.
   */
  static final Set<String> RESPONSE_OMITTED = Set.of("GetRandomPassword");

  private Redaction() {}

  /** The request parameters to record for {@code input}. */
  public static ObjectNode requestParameters(ObjectNode input) {
    return (ObjectNode) copy(input, false);
  }

  /** The response elements to record for {@code output}, or null when none are recorded. */
  public static @org.jspecify.annotations.Nullable ObjectNode responseElements(
      String eventName, boolean readOnly, ObjectNode output) {
    if (readOnly || RESPONSE_OMITTED.contains(eventName)) {
      return null;
    }
    return (ObjectNode) copy(output, false);
  }

  private static JsonNode copy(JsonNode node, boolean keepKeys) {
    if (node instanceof ObjectNode o) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        String member = f.getKey();
        if (!keepKeys && SENSITIVE.contains(member)) {
          continue;
        }
        out.set(keepKeys ? member : lowerCamel(member), copy(f.getValue(), MAPS.contains(member)));
      }
      return out;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      a.forEach(e -> out.add(copy(e, false)));
      return out;
    }
    return node.deepCopy();
  }

  /**
   * {@code SecretId} → {@code secretId}, {@code ARN} → {@code arn}, {@code KMSKey} → {@code
   * kmsKey}.
   */
  static String lowerCamel(String member) {
    int run = 0;
    while (run < member.length() && Character.isUpperCase(member.charAt(run))) {
      run++;
    }
    if (run == 0) {
      return member;
    }
    if (run == member.length()) {
      return member.toLowerCase(java.util.Locale.ROOT);
    }
    int lower = run == 1 ? 1 : run - 1;
    return member.substring(0, lower).toLowerCase(java.util.Locale.ROOT) + member.substring(lower);
  }
}
