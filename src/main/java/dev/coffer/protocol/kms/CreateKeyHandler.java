package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.UnsupportedOperationException;
import dev.coffer.kms.KeyService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CreateKey: a symmetric encryption key (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT, origin AWS_KMS), the
 * only kind Coffer offers; other key specs, usages, origins, custom key stores and multi-Region
 * keys are refused with UnsupportedOperationException.
 */
public final class CreateKeyHandler implements Operation {
  private static final List<String> KEY_USAGES =
      List.of("SIGN_VERIFY", "ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT");
  private static final List<String> MASTER_KEY_SPECS =
      List.of(
          "RSA_2048",
          "RSA_3072",
          "RSA_4096",
          "ECC_NIST_P256",
          "ECC_NIST_P384",
          "ECC_NIST_P521",
          "ECC_SECG_P256K1",
          "SYMMETRIC_DEFAULT",
          "HMAC_224",
          "HMAC_256",
          "HMAC_384",
          "HMAC_512",
          "SM2");

  /** KeySpec: the deprecated CustomerMasterKeySpec's values and the specs added since. */
  private static final List<String> KEY_SPECS =
      Stream.concat(
              MASTER_KEY_SPECS.stream(),
              Stream.of("ML_DSA_44", "ML_DSA_65", "ML_DSA_87", "ECC_NIST_EDWARDS25519"))
          .toList();

  private static final List<String> ORIGINS =
      List.of("AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE");

  private final KeyService keys;

  public CreateKeyHandler(KeyService keys) {
    this.keys = keys;
  }

  @Override
  public String name() {
    return "CreateKey";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    Optional<String> policy = in.string("Policy", 1, 131_072, KmsMembers.POLICY);
    String description = in.string("Description", 0, 8192).orElse("");
    Optional<String> usage = in.enumString("KeyUsage", KEY_USAGES);
    Optional<String> masterSpec = in.enumString("CustomerMasterKeySpec", MASTER_KEY_SPECS);
    Optional<String> spec = in.enumString("KeySpec", KEY_SPECS);
    Optional<String> origin = in.enumString("Origin", ORIGINS);
    Optional<String> store = in.string("CustomKeyStoreId", 1, 64);
    in.bool("BypassPolicyLockoutSafetyCheck");
    var tags = KmsMembers.tags(in, false);
    boolean multiRegion = in.bool("MultiRegion").orElse(false);
    Optional<String> xks = in.string("XksKeyId", 1, 128);
    in.validate();
    if (spec.or(() -> masterSpec).filter(s -> !s.equals("SYMMETRIC_DEFAULT")).isPresent()) {
      throw unsupported(
          "Coffer offers only symmetric encryption keys (KeySpec SYMMETRIC_DEFAULT).");
    }
    if (usage.filter(u -> !u.equals("ENCRYPT_DECRYPT")).isPresent()) {
      throw unsupported("A SYMMETRIC_DEFAULT key supports only the key usage ENCRYPT_DECRYPT.");
    }
    if (origin.filter(o -> !o.equals("AWS_KMS")).isPresent() || xks.isPresent()) {
      throw unsupported("Coffer generates the key material of its keys: use Origin AWS_KMS.");
    }
    if (store.isPresent()) {
      throw unsupported("Coffer has no custom key stores.");
    }
    if (multiRegion) {
      throw unsupported("Coffer does not offer multi-Region keys.");
    }
    var key = keys.create(ctx, new KeyService.CreateRequest(description, policy, tags));
    ObjectNode out = Json.object();
    out.set("KeyMetadata", KmsJson.keyMetadata(key));
    return out;
  }

  private static UnsupportedOperationException unsupported(String message) {
    return new UnsupportedOperationException(message);
  }
}
