package dev.coffer.auth;

import dev.coffer.auth.sigv4.CredentialLookup;
import dev.coffer.auth.sigv4.SigningCredential;
import dev.coffer.core.error.ExpiredTokenException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The access keys the server accepts: the bootstrap root keys, held in memory, and every other key
 * found through a {@link CredentialSource} (IAM users' keys, account roots' keys, sessions).
 *
 * <p>Looked-up credentials are cached, so that a request does not cost a database read and a
 * decryption. A change to identities calls {@link #invalidate()} once it has committed; a short
 * time to live bounds how long another node sharing the database (PostgreSQL) keeps answering with
 * what it cached before the change. Temporary credentials are checked against their expiry on every
 * use, cached or not.
 */
public final class CredentialStore implements CredentialLookup {
  /** How long another node may keep using a cached credential after a change. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);

  private static final String EXPIRED = "The security token included in the request is expired";

  private final Map<String, SigningCredential> fixed = new ConcurrentHashMap<>();
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final CredentialSource source;
  private final Clock clock;
  private final long ttlNanos;
  private final LongSupplier nanoTime;

  private record Cached(CredentialSource.Loaded loaded, long loadedAtNanos) {}

  /** A store with the bootstrap keys only. */
  public CredentialStore() {
    this(id -> Optional.empty(), Clock.systemUTC(), DEFAULT_TTL, System::nanoTime);
  }

  /**
   * A store that finds keys it does not hold in {@code source}; {@code clock} is the clock that
   * session expiry is judged by.
   */
  public CredentialStore(CredentialSource source, Clock clock) {
    this(source, clock, DEFAULT_TTL, System::nanoTime);
  }

  CredentialStore(CredentialSource source, Clock clock, Duration ttl, LongSupplier nanoTime) {
    this.source = source;
    this.clock = clock;
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = nanoTime;
  }

  /** Adds a bootstrap key, accepted until the server stops. */
  public void add(SigningCredential credential) {
    fixed.put(credential.accessKeyId(), credential);
  }

  /** Forgets every cached credential: identities changed. */
  public void invalidate() {
    cache.clear();
  }

  @Override
  public Optional<SigningCredential> find(String accessKeyId) {
    SigningCredential bootstrap = fixed.get(accessKeyId);
    if (bootstrap != null) {
      return Optional.of(bootstrap);
    }
    long now = nanoTime.getAsLong();
    Cached hit = cache.get(accessKeyId);
    CredentialSource.Loaded loaded;
    if (hit != null && now - hit.loadedAtNanos() < ttlNanos) {
      loaded = hit.loaded();
    } else {
      Optional<CredentialSource.Loaded> fresh = source.load(accessKeyId);
      if (fresh.isEmpty()) {
        cache.remove(accessKeyId);
        return Optional.empty();
      }
      loaded = fresh.get();
      cache.put(accessKeyId, new Cached(loaded, now));
    }
    Optional<Instant> expiry = loaded.expiresAt();
    if (expiry.isPresent() && !clock.instant().isBefore(expiry.get())) {
      cache.remove(accessKeyId);
      throw new ExpiredTokenException(EXPIRED);
    }
    return Optional.of(loaded.credential());
  }
}
