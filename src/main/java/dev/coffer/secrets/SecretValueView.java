package dev.coffer.secrets;

import java.time.Instant;
import java.util.List;

/**
 * A decrypted secret version, as GetSecretValue returns it.
 *
 * @param arn the secret's ARN
 * @param name the secret's name
 * @param versionId the version read
 * @param payload the plaintext value
 * @param versionStages the labels on that version
 * @param createdDate when that version was created
 */
public record SecretValueView(
    String arn,
    String name,
    String versionId,
    SecretPayload payload,
    List<String> versionStages,
    Instant createdDate) {}
