package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.UnsupportedOperationException;
import dev.coffer.kms.CryptoService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.Optional;

/**
 * Decrypt: the ciphertext names its key, so KeyId is optional; when given it must name that key
 * (IncorrectKeyException), and the encryption context must match exactly.
 */
public final class DecryptHandler implements Operation {
  private final CryptoService crypto;

  public DecryptHandler(CryptoService crypto) {
    this.crypto = crypto;
  }

  @Override
  public String name() {
    return "Decrypt";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    Optional<byte[]> blob = in.blob("CiphertextBlob", 1, KmsMembers.CIPHERTEXT_MAX);
    var context = KmsMembers.context(in, "EncryptionContext");
    Optional<String> keyId = KmsMembers.optionalKeyId(in, "KeyId");
    KmsMembers.grantTokens(in);
    KmsMembers.symmetricAlgorithm(in, "EncryptionAlgorithm");
    boolean dryRun = KmsMembers.dryRun(in);
    in.validate();
    if (in.has("Recipient")) {
      throw new UnsupportedOperationException("Coffer does not support attested recipients.");
    }
    if (blob.isEmpty()) {
      // Optional in the model only for DryRun with IGNORE_CIPHERTEXT, which Coffer lacks.
      in.requiredString("CiphertextBlob", 1, 1);
      in.validate();
    }
    CryptoService.Opened o = crypto.decrypt(ctx, blob.orElseThrow(), keyId, context, dryRun);
    ObjectNode out = Json.object();
    out.put("KeyId", o.keyArn());
    out.put("Plaintext", o.plaintext());
    out.put("EncryptionAlgorithm", KmsMembers.SYMMETRIC_DEFAULT);
    out.put("KeyMaterialId", o.materialId());
    return out;
  }
}
