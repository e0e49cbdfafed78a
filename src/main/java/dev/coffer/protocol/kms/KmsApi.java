package dev.coffer.protocol.kms;

import dev.coffer.kms.Kms;
import dev.coffer.protocol.Api;
import java.util.List;

/**
 * The KMS API (awsJson 1.1, target prefix {@code TrentService}, SigV4 service {@code kms}, error
 * message member {@code message}), served on the same endpoint as Secrets Manager.
 */
public final class KmsApi {
  private KmsApi() {}

  public static Api create(Kms kms) {
    var keys = kms.keys();
    var aliases = kms.aliases();
    var rotation = kms.rotation();
    var crypto = kms.crypto();
    return Api.of(
        "TrentService",
        "kms",
        "message",
        List.of(
            new CreateKeyHandler(keys),
            new DescribeKeyHandler(keys),
            new ListKeysHandler(keys),
            new EnableKeyHandler(keys),
            new DisableKeyHandler(keys),
            new ScheduleKeyDeletionHandler(keys),
            new CancelKeyDeletionHandler(keys),
            new GetKeyPolicyHandler(keys),
            new PutKeyPolicyHandler(keys),
            new ListKeyPoliciesHandler(keys),
            new TagResourceHandler(keys),
            new UntagResourceHandler(keys),
            new ListResourceTagsHandler(keys),
            new CreateAliasHandler(aliases),
            new UpdateAliasHandler(aliases),
            new DeleteAliasHandler(aliases),
            new ListAliasesHandler(aliases),
            new EnableKeyRotationHandler(rotation),
            new DisableKeyRotationHandler(rotation),
            new GetKeyRotationStatusHandler(rotation),
            new RotateKeyOnDemandHandler(rotation),
            new ListKeyRotationsHandler(rotation),
            new EncryptHandler(crypto),
            new DecryptHandler(crypto),
            new ReEncryptHandler(crypto),
            new GenerateDataKeyHandler(crypto),
            new GenerateDataKeyWithoutPlaintextHandler(crypto),
            new GenerateRandomHandler(crypto)));
  }
}
