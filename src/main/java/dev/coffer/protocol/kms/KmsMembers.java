package dev.coffer.protocol.kms;

import dev.coffer.core.error.InvalidKeyUsageException;
import dev.coffer.kms.KeyTag;
import dev.coffer.protocol.JsonInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Members many KMS operations share, read with the constraints of the KMS model (2014-11-01):
 * KeyIdType 1..2048, PlaintextType 1..4096, CiphertextType 1..6144, TagKeyType 1..128, TagValueType
 * 0..256, MarkerType 1..1024, GrantTokenList 0..10 of 1..8192.
 */
final class KmsMembers {
  static final int PLAINTEXT_MAX = 4096;
  static final int CIPHERTEXT_MAX = 6144;
  static final Pattern ALIAS_NAME = Pattern.compile("^[a-zA-Z0-9:/_-]+$");
  static final Pattern POLICY = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
  static final Pattern POLICY_NAME = Pattern.compile("[\\w]+");
  static final String SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT";
  static final List<String> ENCRYPTION_ALGORITHMS =
      List.of(SYMMETRIC_DEFAULT, "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE");

  private KmsMembers() {}

  static String keyId(JsonInput in) {
    return in.requiredString("KeyId", 1, 2048);
  }

  static Optional<String> optionalKeyId(JsonInput in, String member) {
    return in.string(member, 1, 2048);
  }

  static Map<String, String> context(JsonInput in, String member) {
    return in.stringMap(member).orElse(Map.of());
  }

  /** GrantTokens are accepted and checked; Coffer has no grants yet, so they grant nothing. */
  static void grantTokens(JsonInput in) {
    in.stringList("GrantTokens", 0, 10, 1, 8192);
  }

  static boolean dryRun(JsonInput in) {
    return in.bool("DryRun").orElse(false);
  }

  /** The encryption algorithm member; symmetric keys only do SYMMETRIC_DEFAULT. */
  static void symmetricAlgorithm(JsonInput in, String member) {
    Optional<String> alg = in.enumString(member, ENCRYPTION_ALGORITHMS);
    if (alg.isPresent() && !alg.get().equals(SYMMETRIC_DEFAULT)) {
      in.validate();
      throw new InvalidKeyUsageException(
          "The encryption algorithm "
              + alg.get()
              + " is not valid for a symmetric encryption KMS key; use SYMMETRIC_DEFAULT.");
    }
  }

  static List<KeyTag> tags(JsonInput in, boolean required) {
    List<JsonInput> items =
        required
            ? in.requiredStructList("Tags", 0, Integer.MAX_VALUE)
            : in.structList("Tags", 0, Integer.MAX_VALUE).orElse(List.of());
    List<KeyTag> out = new ArrayList<>();
    for (JsonInput t : items) {
      out.add(new KeyTag(t.requiredString("TagKey", 1, 128), t.requiredString("TagValue", 0, 256)));
    }
    return out;
  }
}
