package dev.coffer.protocol.secretsmanager;

import dev.coffer.protocol.Api;
import dev.coffer.secrets.PasswordGenerator;
import dev.coffer.secrets.SecretBatch;
import dev.coffer.secrets.SecretLifecycle;
import dev.coffer.secrets.SecretListing;
import dev.coffer.secrets.SecretPolicies;
import dev.coffer.secrets.SecretRotation;
import dev.coffer.secrets.SecretsService;
import java.util.List;

/** The Secrets Manager API (awsJson 1.1, target prefix {@code secretsmanager}). */
public final class SecretsManagerApi {
  private SecretsManagerApi() {}

  public static Api create(
      SecretsService secrets, SecretLifecycle lifecycle, SecretRotation rotation) {
    SecretListing listing = new SecretListing(secrets);
    SecretPolicies policies = new SecretPolicies(secrets);
    return Api.of(
        "secretsmanager",
        "secretsmanager",
        "Message",
        List.of(
            new CreateSecretHandler(secrets),
            new GetSecretValueHandler(secrets),
            new PutSecretValueHandler(secrets),
            new UpdateSecretHandler(secrets),
            new UpdateSecretVersionStageHandler(secrets),
            new DescribeSecretHandler(secrets),
            new ListSecretVersionIdsHandler(secrets),
            new TagResourceHandler(secrets),
            new UntagResourceHandler(secrets),
            new DeleteSecretHandler(lifecycle),
            new RestoreSecretHandler(lifecycle),
            new ListSecretsHandler(listing),
            new BatchGetSecretValueHandler(new SecretBatch(secrets, listing)),
            new GetRandomPasswordHandler(new PasswordGenerator(), secrets.access()),
            new PutResourcePolicyHandler(policies),
            new GetResourcePolicyHandler(policies),
            new DeleteResourcePolicyHandler(policies),
            new ValidateResourcePolicyHandler(policies),
            new RotateSecretHandler(rotation),
            new CancelRotateSecretHandler(rotation),
            new ReplicateSecretToRegionsHandler(secrets.replication()),
            new RemoveRegionsFromReplicationHandler(secrets.replication()),
            new StopReplicationToReplicaHandler(secrets.replication())));
  }
}
