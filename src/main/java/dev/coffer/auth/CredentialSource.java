package dev.coffer.auth;

import dev.coffer.auth.sigv4.SigningCredential;
import java.time.Instant;
import java.util.Optional;

/** Loads the credential behind an access key from the identity store. */
@FunctionalInterface
public interface CredentialSource {

  /**
   * The credential of an active key, with the instant it stops being valid for temporary
   * credentials; empty for an unknown or inactive key.
   *
   * @throws dev.coffer.core.error.ExpiredTokenException the key is a session that has expired
   */
  Optional<Loaded> load(String accessKeyId);

  /**
   * A loaded credential.
   *
   * @param expiresAt when temporary credentials expire; empty for long-term keys
   */
  record Loaded(SigningCredential credential, Optional<Instant> expiresAt) {}
}
