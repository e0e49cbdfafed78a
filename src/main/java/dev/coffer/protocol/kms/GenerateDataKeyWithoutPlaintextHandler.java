package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.UnsupportedOperationException;
import dev.coffer.kms.CryptoService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/**
 * GenerateDataKeyWithoutPlaintext: a fresh data key, only encrypted under a symmetric key. Exactly
 * one of KeySpec (AES_256, AES_128) and NumberOfBytes (1..1024).
 */
public final class GenerateDataKeyWithoutPlaintextHandler implements Operation {
  private final CryptoService crypto;

  public GenerateDataKeyWithoutPlaintextHandler(CryptoService crypto) {
    this.crypto = crypto;
  }

  @Override
  public String name() {
    return "GenerateDataKeyWithoutPlaintext";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String keyId = KmsMembers.keyId(in);
    var context = KmsMembers.context(in, "EncryptionContext");
    int bytes = DataKeySize.read(in);
    KmsMembers.grantTokens(in);
    boolean dryRun = KmsMembers.dryRun(in);
    in.validate();
    if (in.has("Recipient")) {
      throw new UnsupportedOperationException("Coffer does not support attested recipients.");
    }
    CryptoService.DataKey dk = crypto.generateDataKey(ctx, keyId, bytes, context, false, dryRun);
    ObjectNode out = Json.object();
    out.put("CiphertextBlob", dk.sealed().ciphertext());
    out.put("KeyId", dk.sealed().keyArn());
    out.put("KeyMaterialId", dk.sealed().materialId());
    return out;
  }
}
