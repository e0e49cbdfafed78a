package dev.coffer.auth;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access keys the server accepts. Holds the bootstrap root keys; IAM users' and STS keys join
 * it with the access-control work.
 */
public final class CredentialStore {
  private final Map<String, Credential> byAccessKey = new ConcurrentHashMap<>();

  public void add(Credential credential) {
    byAccessKey.put(credential.accessKeyId(), credential);
  }

  public Optional<Credential> find(String accessKeyId) {
    return Optional.ofNullable(byAccessKey.get(accessKeyId));
  }
}
