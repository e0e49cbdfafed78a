package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.CryptoService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/** Encrypt: up to 4,096 bytes under a symmetric key, the encryption context bound. */
public final class EncryptHandler implements Operation {
  private final CryptoService crypto;

  public EncryptHandler(CryptoService crypto) {
    this.crypto = crypto;
  }

  @Override
  public String name() {
    return "Encrypt";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String keyId = KmsMembers.keyId(in);
    byte[] plaintext = in.blob("Plaintext", 1, KmsMembers.PLAINTEXT_MAX).orElse(new byte[0]);
    if (!in.has("Plaintext")) {
      in.requiredString("Plaintext", 1, 1);
    }
    var context = KmsMembers.context(in, "EncryptionContext");
    KmsMembers.grantTokens(in);
    KmsMembers.symmetricAlgorithm(in, "EncryptionAlgorithm");
    boolean dryRun = KmsMembers.dryRun(in);
    in.validate();
    CryptoService.Sealed s = crypto.encrypt(ctx, keyId, plaintext, context, dryRun);
    java.util.Arrays.fill(plaintext, (byte) 0);
    ObjectNode out = Json.object();
    out.put("CiphertextBlob", s.ciphertext());
    out.put("KeyId", s.keyArn());
    out.put("EncryptionAlgorithm", KmsMembers.SYMMETRIC_DEFAULT);
    return out;
  }
}
