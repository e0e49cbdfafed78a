package dev.coffer.auth.sigv4;

import java.util.Optional;

/**
 * Finds the credential behind an access key id. Implementations return empty for unknown, inactive
 * or expired keys alike, so the verifier answers all of them the same way.
 */
@FunctionalInterface
public interface CredentialLookup {

  /** The active credential for {@code accessKeyId}, or empty. */
  Optional<SigningCredential> find(String accessKeyId);
}
