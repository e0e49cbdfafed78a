package dev.coffer.auth.iam;

import dev.coffer.auth.CredentialSource;
import dev.coffer.auth.SecretSealer;
import dev.coffer.auth.sigv4.SigningCredential;
import dev.coffer.core.Caller;
import dev.coffer.core.Entitlements;
import dev.coffer.core.error.DecryptionFailure;
import dev.coffer.core.error.ExpiredTokenException;
import dev.coffer.core.iam.IamAccessKey;
import dev.coffer.core.iam.IamGroup;
import dev.coffer.core.iam.IamManagedPolicy;
import dev.coffer.core.iam.IamRole;
import dev.coffer.core.iam.IamSession;
import dev.coffer.core.iam.IamTag;
import dev.coffer.core.iam.IamUser;
import dev.coffer.core.iam.OwnerType;
import dev.coffer.core.iam.SealedSecret;
import dev.coffer.store.IamRepository;
import dev.coffer.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Builds the {@link Caller} behind an access key from the identity store: who it is and what the
 * authorizer needs about it ({@link Entitlements}: user name, role ARN, principal and session tags,
 * the identity policies from inline, attached and group policies, the session policy).
 */
public final class IdentityLoader implements CredentialSource {
  private static final Logger LOG = Logger.getLogger(IdentityLoader.class.getName());
  private static final String EXPIRED = "The security token included in the request is expired";

  private final Store store;
  private final SecretSealer sealer;
  private final Clock clock;

  public IdentityLoader(Store store, SecretSealer sealer, Clock clock) {
    this.store = store;
    this.sealer = sealer;
    this.clock = clock;
  }

  @Override
  public Optional<Loaded> load(String accessKeyId) {
    if (accessKeyId.startsWith("ASIA")) {
      return loadSession(accessKeyId);
    }
    Optional<IamAccessKey> found = store.read(tx -> tx.iam().findAccessKey(accessKeyId));
    if (found.isEmpty() || !found.get().status().equals(IamAccessKey.ACTIVE)) {
      return Optional.empty();
    }
    IamAccessKey key = found.get();
    Optional<String> opened = open(key.accountId(), accessKeyId, key.secret());
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    String secret = opened.get();
    Optional<Caller> caller =
        key.userName().isEmpty()
            ? Optional.of(Caller.root(key.accountId(), accessKeyId))
            : userCaller(key.accountId(), key.userName().get(), accessKeyId);
    return caller.map(c ->
        new Loaded(
            new SigningCredential(accessKeyId, secret, c, Optional.empty()), Optional.empty()));
  }

  private Optional<Loaded> loadSession(String accessKeyId) {
    Optional<Map.Entry<IamSession, String>> found =
        store.read(tx -> tx.iam().findSession(accessKeyId));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    IamSession s = found.get().getKey();
    if (!clock.instant().isBefore(s.expiresAt())) {
      throw new ExpiredTokenException(EXPIRED);
    }
    Optional<Caller> caller;
    if (s.userName().isPresent()) {
      caller = userCaller(s.accountId(), s.userName().get(), accessKeyId);
    } else if (s.roleName().isPresent() && s.sessionName().isPresent()) {
      caller =
          roleCaller(
              s.accountId(),
              s.roleName().get(),
              s.sessionName().get(),
              accessKeyId,
              SessionTags.decode(found.get().getValue()),
              s.sessionPolicy());
    } else {
      caller = Optional.empty(); // its role or user was deleted
    }
    if (caller.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> opened = open(s.accountId(), accessKeyId, s.secret());
    String[] secretAndToken = opened.orElse("").split("\n", 2);
    if (secretAndToken.length != 2) {
      return Optional.empty();
    }
    return Optional.of(
        new Loaded(
            new SigningCredential(
                accessKeyId, secretAndToken[0], caller.get(), Optional.of(secretAndToken[1])),
            Optional.of(s.expiresAt())));
  }

  /**
   * The secret sealed for {@code accessKeyId}, or empty when it does not open (moved from another
   * key's row, or damaged): such a key is refused like an unknown one.
   */
  private Optional<String> open(String accountId, String accessKeyId, SealedSecret sealed) {
    try {
      return Optional.of(sealer.open(accountId, accessKeyId, sealed));
    } catch (DecryptionFailure e) {
      LOG.warning("the sealed secret of access key " + accessKeyId + " does not open");
      return Optional.empty();
    }
  }

  /** The caller for a key of user {@code userName}, empty when the user no longer exists. */
  Optional<Caller> userCaller(String accountId, String userName, String accessKeyId) {
    return store.read(tx -> {
      IamRepository iam = tx.iam();
      Optional<IamUser> user = iam.findUser(accountId, userName);
      if (user.isEmpty()) {
        return Optional.empty();
      }
      IamUser u = user.get();
      List<String> policies = new ArrayList<>(policiesOf(iam, accountId, OwnerType.USER, userName));
      for (IamGroup g : iam.groupsOfUser(accountId, userName)) {
        policies.addAll(policiesOf(iam, accountId, OwnerType.GROUP, g.groupName()));
      }
      Entitlements e =
          new Entitlements(
              Optional.of(u.userName()),
              Optional.empty(),
              tagMap(u.tags()),
              policies,
              Optional.empty(),
              Optional.empty(),
              false);
      return Optional.of(
          new Caller(
              accountId, u.arn(), u.userId(), Optional.of(accessKeyId), Caller.Type.IAMUser, e));
    });
  }

  private Optional<Caller> roleCaller(
      String accountId,
      String roleName,
      String sessionName,
      String accessKeyId,
      Map<String, String> sessionTags,
      Optional<String> sessionPolicy) {
    return store.read(tx -> {
      IamRepository iam = tx.iam();
      Optional<IamRole> role = iam.findRole(accountId, roleName);
      if (role.isEmpty()) {
        return Optional.empty();
      }
      IamRole r = role.get();
      // Session tags override role tags of the same key (IAM User Guide, "Passing session tags").
      Map<String, String> tags = new LinkedHashMap<>(tagMap(r.tags()));
      tags.putAll(sessionTags);
      Entitlements e =
          new Entitlements(
              Optional.empty(),
              Optional.of(r.arn()),
              tags,
              policiesOf(iam, accountId, OwnerType.ROLE, roleName),
              Optional.empty(),
              sessionPolicy,
              false);
      return Optional.of(
          new Caller(
              accountId,
              IamArns.assumedRole(accountId, r.roleName(), sessionName),
              r.roleId() + ":" + sessionName,
              Optional.of(accessKeyId),
              Caller.Type.AssumedRole,
              e));
    });
  }

  /** Inline policies, then the default versions of attached managed policies. */
  static List<String> policiesOf(
      IamRepository iam, String accountId, OwnerType owner, String ownerName) {
    List<String> out = new ArrayList<>(iam.inlinePolicies(accountId, owner, ownerName).values());
    for (IamManagedPolicy p : iam.attachedPolicies(accountId, owner, ownerName)) {
      iam.defaultPolicyDocument(p.arn()).ifPresent(out::add);
    }
    return out;
  }

  static Map<String, String> tagMap(List<IamTag> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    for (IamTag t : tags) {
      out.put(t.key(), t.value());
    }
    return out;
  }

  /** Now, by the identity clock (exposed for the services of this package). */
  Instant now() {
    return clock.instant();
  }
}
