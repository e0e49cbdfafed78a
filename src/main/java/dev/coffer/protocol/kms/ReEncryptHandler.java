package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.CryptoService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.Optional;

/** ReEncrypt: decrypts and encrypts again inside the service, under another key or context. */
public final class ReEncryptHandler implements Operation {
  private final CryptoService crypto;

  public ReEncryptHandler(CryptoService crypto) {
    this.crypto = crypto;
  }

  @Override
  public String name() {
    return "ReEncrypt";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    Optional<byte[]> blob = in.blob("CiphertextBlob", 1, KmsMembers.CIPHERTEXT_MAX);
    var sourceContext = KmsMembers.context(in, "SourceEncryptionContext");
    Optional<String> sourceKeyId = KmsMembers.optionalKeyId(in, "SourceKeyId");
    String destination = in.requiredString("DestinationKeyId", 1, 2048);
    var destinationContext = KmsMembers.context(in, "DestinationEncryptionContext");
    KmsMembers.symmetricAlgorithm(in, "SourceEncryptionAlgorithm");
    KmsMembers.symmetricAlgorithm(in, "DestinationEncryptionAlgorithm");
    KmsMembers.grantTokens(in);
    boolean dryRun = KmsMembers.dryRun(in);
    if (blob.isEmpty()) {
      in.requiredString("CiphertextBlob", 1, 1);
    }
    in.validate();
    CryptoService.ReEncrypted r =
        crypto.reEncrypt(
            ctx,
            blob.orElseThrow(),
            sourceKeyId,
            sourceContext,
            destination,
            destinationContext,
            dryRun);
    ObjectNode out = Json.object();
    out.put("CiphertextBlob", r.sealed().ciphertext());
    out.put("SourceKeyId", r.sourceKeyArn());
    out.put("KeyId", r.sealed().keyArn());
    out.put("SourceEncryptionAlgorithm", KmsMembers.SYMMETRIC_DEFAULT);
    out.put("DestinationEncryptionAlgorithm", KmsMembers.SYMMETRIC_DEFAULT);
    out.put("SourceKeyMaterialId", r.sourceMaterialId());
    out.put("DestinationKeyMaterialId", r.sealed().materialId());
    return out;
  }
}
