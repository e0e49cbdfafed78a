package dev.coffer.auth;

import dev.coffer.auth.sigv4.CredentialLookup;
import dev.coffer.auth.sigv4.SigningCredential;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access keys the server accepts. Holds the bootstrap root keys; IAM users' and STS keys join
 * it with the access-control work.
 */
public final class CredentialStore implements CredentialLookup {
  private final Map<String, SigningCredential> byAccessKey = new ConcurrentHashMap<>();

  public void add(SigningCredential credential) {
    byAccessKey.put(credential.accessKeyId(), credential);
  }

  @Override
  public Optional<SigningCredential> find(String accessKeyId) {
    return Optional.ofNullable(byAccessKey.get(accessKeyId));
  }
}
