package dev.coffer.auth.sigv4.internal;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;

/**
 * Derived SigV4 signing keys, kept as ready-keyed HMAC engines so a verification costs one HMAC
 * instead of five (the key only changes with the day, region, service or secret).
 *
 * <p>The map is bounded by clearing it when it is full: simple, lock-free on the hit path, and the
 * worst case after a clear is one re-derivation per active key. The secret is part of the cache
 * key, so a re-issued secret under the same access key id never verifies against a stale key.
 */
public final class SigningKeyCache {
  private final int maxEntries;
  private final ConcurrentHashMap<Key, Mac> keyedEngines = new ConcurrentHashMap<>();

  /** A cache holding at most {@code maxEntries} keys. */
  public SigningKeyCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
    }
    this.maxEntries = maxEntries;
  }

  /**
   * A fresh HMAC engine keyed with the signing key for this secret and scope; the caller owns it.
   */
  public Mac signingMac(String accessKeyId, String secretAccessKey, CredentialScope scope) {
    Key key = new Key(accessKeyId, secretAccessKey, scope);
    Mac prototype = keyedEngines.get(key);
    if (prototype == null) {
      if (keyedEngines.size() >= maxEntries) {
        keyedEngines.clear();
      }
      prototype =
          keyedEngines.computeIfAbsent(
              key,
              k ->
                  Hashing.hmac(
                      Hashing.deriveSigningKey(
                          secretAccessKey, scope.date(), scope.region(), scope.service())));
    }
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      return Hashing.hmac(
          Hashing.deriveSigningKey(secretAccessKey, scope.date(), scope.region(), scope.service()));
    }
  }

  /** The number of cached keys (for tests and metrics). */
  public int size() {
    return keyedEngines.size();
  }

  /** A cache key; holds the secret, so it must never be printed. */
  private record Key(String accessKeyId, String secretAccessKey, CredentialScope scope) {
    Key {
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      Objects.requireNonNull(secretAccessKey, "secretAccessKey");
      Objects.requireNonNull(scope, "scope");
    }

    @Override
    public String toString() {
      return "Key[" + accessKeyId + ", " + scope + "]";
    }
  }
}
