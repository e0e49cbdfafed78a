package dev.coffer.auth.iam;

import dev.coffer.auth.SecretSealer;
import dev.coffer.core.iam.IamRole;
import dev.coffer.core.iam.IamSession;
import dev.coffer.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Temporary credentials (STS): role sessions made by AssumeRole and user sessions made by
 * GetSessionToken. The caller has already been authorized (trust policy, identity policy); this
 * class only mints and stores the credentials.
 */
public final class Sessions {
  private final Identities identities;
  private final Store store;
  private final SecretSealer sealer;
  private final Clock clock;

  public Sessions(Identities identities, Store store, SecretSealer sealer, Clock clock) {
    this.identities = identities;
    this.store = store;
    this.sealer = sealer;
    this.clock = clock;
  }

  /**
   * Fresh temporary credentials.
   *
   * @param accessKeyId the temporary access key id ({@code ASIA...})
   * @param secretAccessKey never printed by {@link #toString()}
   * @param sessionToken never printed by {@link #toString()}
   * @param expiration when they stop working
   */
  public record Issued(
      String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
    public Issued {
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      Objects.requireNonNull(secretAccessKey, "secretAccessKey");
      Objects.requireNonNull(sessionToken, "sessionToken");
      Objects.requireNonNull(expiration, "expiration");
    }

    @Override
    public String toString() {
      return "Issued[" + accessKeyId + ", expires " + expiration + "]";
    }
  }

  /** A session of {@code role} named {@code sessionName}, valid for {@code duration}. */
  public Issued assumeRole(
      IamRole role,
      String sessionName,
      Duration duration,
      Map<String, String> tags,
      Optional<String> sessionPolicy) {
    return issue(
        role.accountId(),
        duration,
        Optional.of(role.roleName()),
        Optional.of(sessionName),
        Optional.empty(),
        tags,
        sessionPolicy);
  }

  /** A session of user {@code userName}, valid for {@code duration}. */
  public Issued sessionToken(String accountId, String userName, Duration duration) {
    return issue(
        accountId,
        duration,
        Optional.empty(),
        Optional.empty(),
        Optional.of(userName),
        Map.of(),
        Optional.empty());
  }

  /** The role {@code roleName} of {@code accountId}, or NoSuchEntity. */
  public IamRole role(String accountId, String roleName) {
    return identities.getRole(accountId, roleName);
  }

  /** Deletes sessions that expired before {@code cutoff} (housekeeping). */
  public int purgeExpired(Instant cutoff) {
    return store.write(tx -> tx.iam().deleteSessionsExpiredBefore(cutoff));
  }

  private Issued issue(
      String accountId,
      Duration duration,
      Optional<String> roleName,
      Optional<String> sessionName,
      Optional<String> userName,
      Map<String, String> tags,
      Optional<String> sessionPolicy) {
    String id = IamIds.id("ASIA");
    String secret = IamIds.secretAccessKey();
    String token = IamIds.sessionToken();
    Instant now = clock.instant();
    Instant expiration = now.plus(duration);
    IamSession session =
        new IamSession(
            id,
            accountId,
            now,
            expiration,
            roleName,
            sessionName,
            userName,
            tags,
            sessionPolicy,
            sealer.seal(accountId, id, secret + "\n" + token));
    // A new session changes no one's entitlements: the credential cache stays as it is.
    store.execute(tx -> tx.iam().insertSession(session, SessionTags.encode(tags)));
    return new Issued(id, secret, token, expiration);
  }
}
