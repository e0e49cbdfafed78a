package dev.coffer.protocol.secretsmanager;

import dev.coffer.protocol.Api;
import dev.coffer.secrets.SecretLifecycle;
import dev.coffer.secrets.SecretsService;
import java.util.List;

/** The Secrets Manager API (awsJson 1.1, target prefix {@code secretsmanager}). */
public final class SecretsManagerApi {
  private SecretsManagerApi() {}

  public static Api create(SecretsService secrets, SecretLifecycle lifecycle) {
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
            new ReplicateSecretToRegionsHandler(secrets.replication()),
            new RemoveRegionsFromReplicationHandler(secrets.replication()),
            new StopReplicationToReplicaHandler(secrets.replication())));
  }
}
