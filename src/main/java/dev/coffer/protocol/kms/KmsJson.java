package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.kms.KeyView;
import dev.coffer.protocol.Json;

/** Output shapes shared by KMS operations. */
final class KmsJson {
  private KmsJson() {}

  /** KeyMetadata of a symmetric encryption key Coffer generated. */
  static ObjectNode keyMetadata(KeyView k) {
    ObjectNode o = Json.object();
    o.put("AWSAccountId", k.accountId());
    o.put("KeyId", k.keyId());
    o.put("Arn", k.arn());
    o.put("CreationDate", Json.timestamp(k.creationDate()));
    o.put("Enabled", k.enabled());
    o.put("Description", k.description());
    o.put("KeyUsage", "ENCRYPT_DECRYPT");
    o.put("KeyState", k.keyState().name());
    Json.putTimeIfPresent(o, "DeletionDate", k.deletionDate());
    o.put("Origin", "AWS_KMS");
    o.put("KeyManager", k.keyManager());
    o.put("CustomerMasterKeySpec", KmsMembers.SYMMETRIC_DEFAULT);
    o.put("KeySpec", KmsMembers.SYMMETRIC_DEFAULT);
    o.putArray("EncryptionAlgorithms").add(KmsMembers.SYMMETRIC_DEFAULT);
    o.put("MultiRegion", false);
    if (!k.currentKeyMaterialId().isEmpty()) {
      o.put("CurrentKeyMaterialId", k.currentKeyMaterialId());
    }
    return o;
  }
}
