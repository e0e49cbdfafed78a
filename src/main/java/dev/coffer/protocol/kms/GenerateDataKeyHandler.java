package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.UnsupportedOperationException;
import dev.coffer.kms.CryptoService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/**
 * GenerateDataKey: a fresh data key, in plaintext and encrypted under a symmetric key. Exactly one
 * of KeySpec (AES_256, AES_128) and NumberOfBytes (1..1024).
 */
public final class GenerateDataKeyHandler implements Operation {
  private final CryptoService crypto;

  public GenerateDataKeyHandler(CryptoService crypto) {
    this.crypto = crypto;
  }

  @Override
  public String name() {
    return "GenerateDataKey";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    return generate(crypto, ctx, in, true);
  }

  /** GenerateDataKey and GenerateDataKeyWithoutPlaintext differ only in returning the plaintext. */
  static ObjectNode generate(
      CryptoService crypto, RequestContext ctx, JsonInput in, boolean withPlaintext) {
    String keyId = KmsMembers.keyId(in);
    var context = KmsMembers.context(in, "EncryptionContext");
    int bytes = DataKeySize.read(in);
    KmsMembers.grantTokens(in);
    boolean dryRun = KmsMembers.dryRun(in);
    in.validate();
    if (in.has("Recipient")) {
      throw new UnsupportedOperationException("Coffer does not support attested recipients.");
    }
    CryptoService.DataKey dk =
        crypto.generateDataKey(ctx, keyId, bytes, context, withPlaintext, dryRun);
    ObjectNode out = Json.object();
    out.put("CiphertextBlob", dk.sealed().ciphertext());
    if (withPlaintext) {
      out.put("Plaintext", dk.plaintext());
    }
    out.put("KeyId", dk.sealed().keyArn());
    out.put("KeyMaterialId", dk.sealed().materialId());
    return out;
  }
}
