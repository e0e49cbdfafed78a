package dev.coffer.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
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

  /** The request parameters to record for {@code input}, as JSON text. */
  public static String requestParameters(ObjectNode input) {
    return AuditEvents.json(g -> write(g, input, false));
  }

  /** The response elements to record for {@code output} as JSON text, if any are recorded. */
  public static Optional<String> responseElements(
      String eventName, boolean readOnly, ObjectNode output) {
    if (readOnly || RESPONSE_OMITTED.contains(eventName)) {
      return Optional.empty();
    }
    return Optional.of(AuditEvents.json(g -> write(g, output, false)));
  }

  /**
   * Writes {@code node} without its sensitive members and with member names in lower camel case;
   * {@code keepKeys} for the entries of a map member, whose keys are data.
   */
  private static void write(JsonGenerator g, JsonNode node, boolean keepKeys) throws IOException {
    if (node instanceof ObjectNode o) {
      g.writeStartObject();
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        String member = f.getKey();
        if (!keepKeys && SENSITIVE.contains(member)) {
          continue;
        }
        g.writeFieldName(keepKeys ? member : lowerCamel(member));
        write(g, f.getValue(), MAPS.contains(member));
      }
      g.writeEndObject();
    } else if (node instanceof ArrayNode a) {
      g.writeStartArray();
      for (JsonNode e : a) {
        write(g, e, false);
      }
      g.writeEndArray();
    } else {
      g.writeTree(node);
    }
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
