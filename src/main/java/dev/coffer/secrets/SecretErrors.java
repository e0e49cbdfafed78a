package dev.coffer.secrets;

import dev.coffer.core.error.InvalidParameterException;
import dev.coffer.core.error.InvalidRequestException;
import dev.coffer.core.error.ResourceNotFoundException;

/** The error messages Secrets Manager answers with, in one place so they stay identical. */
final class SecretErrors {
  private SecretErrors() {}

  static ResourceNotFoundException secretNotFound() {
    return new ResourceNotFoundException("Secrets Manager can't find the specified secret.");
  }

  static ResourceNotFoundException noValueForStage(String stage) {
    return new ResourceNotFoundException(
        "Secrets Manager can't find the specified secret value for staging label: " + stage);
  }

  static ResourceNotFoundException noValueForVersion(String versionId) {
    return new ResourceNotFoundException(
        "Secrets Manager can't find the specified secret value for VersionId: " + versionId);
  }

  static InvalidRequestException markedForDeletion() {
    return new InvalidRequestException(
        "You can't perform this operation on the secret because it was marked for deletion.");
  }

  /**
   * A write to a replica. The real service answers InvalidParameterException with this text
   * (observed: github.com/lgallard/terraform-aws-secrets-manager/issues/188, PutResourcePolicy on a
   * replica).
   */
  static InvalidParameterException replicaIsReadOnly() {
    return new InvalidParameterException(
        "Operation not permitted on a replica secret. Call must be made in primary secret's"
            + " region.");
  }
}
