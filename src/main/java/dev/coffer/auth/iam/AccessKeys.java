package dev.coffer.auth.iam;

import dev.coffer.auth.SecretSealer;
import dev.coffer.core.error.LimitExceededException;
import dev.coffer.core.error.NoSuchEntityException;
import dev.coffer.core.iam.IamAccessKey;
import dev.coffer.store.IamRepository;
import dev.coffer.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Long-term access keys of users and account roots. The secret half is returned once, when the key
 * is made, and otherwise only stored sealed.
 */
public final class AccessKeys {
  /** IAM's quota of access keys per user. */
  public static final int MAX_KEYS_PER_USER = 2;

  private final Identities identities;
  private final Store store;
  private final SecretSealer sealer;
  private final Clock clock;

  public AccessKeys(Identities identities, Store store, SecretSealer sealer, Clock clock) {
    this.identities = identities;
    this.store = store;
    this.sealer = sealer;
    this.clock = clock;
  }

  /**
   * A new key with its secret: the only time the secret is shown.
   *
   * @param accessKeyId the public half
   * @param secretAccessKey the secret half; never printed by {@link #toString()}
   */
  public record NewKey(IamAccessKey key, String accessKeyId, String secretAccessKey) {
    public NewKey {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    @Override
    public String toString() {
      return "NewKey[" + accessKeyId + "]";
    }
  }

  /** Makes a key for {@code userName}, or for the account root when it is empty. */
  public NewKey create(String accountId, Optional<String> userName) {
    return identities.write(iam -> {
      Optional<String> name = userName;
      if (name.isPresent()) {
        name = Optional.of(Identities.requireUser(iam, accountId, name.get()).userName());
      } else {
        iam.ensureAccount(accountId, clock.instant());
      }
      if (iam.accessKeys(accountId, name).size() >= MAX_KEYS_PER_USER) {
        throw new LimitExceededException(
            "Cannot exceed quota for AccessKeysPerUser: " + MAX_KEYS_PER_USER);
      }
      return insert(iam, accountId, name);
    });
  }

  /**
   * A key for the root of {@code accountId} made by the operator, not through the API: how an
   * account other than the default one gets its first credentials.
   */
  public NewKey createRootKey(String accountId) {
    return identities.write(iam -> {
      iam.ensureAccount(accountId, clock.instant());
      return insert(iam, accountId, Optional.empty());
    });
  }

  private NewKey insert(IamRepository iam, String accountId, Optional<String> userName) {
    String id = IamIds.id("AKIA");
    String secret = IamIds.secretAccessKey();
    Instant now = clock.instant();
    IamAccessKey key =
        new IamAccessKey(
            id,
            accountId,
            userName,
            IamAccessKey.ACTIVE,
            now,
            Optional.empty(),
            sealer.seal(accountId, id, secret));
    iam.insertAccessKey(key);
    return new NewKey(key, id, secret);
  }

  public List<IamAccessKey> list(String accountId, Optional<String> userName) {
    return store.read(tx -> {
      Optional<String> name =
          userName.map(n -> Identities.requireUser(tx.iam(), accountId, n).userName());
      return tx.iam().accessKeys(accountId, name);
    });
  }

  /** Sets a key's status: {@code Active} or {@code Inactive}. */
  public void updateStatus(
      String accountId, Optional<String> userName, String accessKeyId, String status) {
    identities.write(iam -> {
      require(iam, accountId, userName, accessKeyId);
      iam.updateAccessKeyStatus(accessKeyId, status);
      return Boolean.TRUE;
    });
  }

  public void delete(String accountId, Optional<String> userName, String accessKeyId) {
    identities.write(iam -> {
      require(iam, accountId, userName, accessKeyId);
      iam.deleteAccessKey(accessKeyId);
      return Boolean.TRUE;
    });
  }

  /**
   * The key {@code accessKeyId} of account {@code accountId}, whoever it belongs to.
   *
   * @throws NoSuchEntityException when the account has no such key
   */
  public IamAccessKey find(String accountId, String accessKeyId) {
    return store
        .read(tx -> tx.iam().findAccessKey(accessKeyId))
        .filter(k -> k.accountId().equals(accountId))
        .orElseThrow(() ->
            new NoSuchEntityException(
                "The Access Key with id " + accessKeyId + " cannot be found."));
  }

  private static IamAccessKey require(
      IamRepository iam, String accountId, Optional<String> userName, String accessKeyId) {
    userName.ifPresent(n -> Identities.requireUser(iam, accountId, n));
    Optional<IamAccessKey> key = iam.findAccessKey(accessKeyId);
    boolean owned =
        key.isPresent()
            && key.get().accountId().equals(accountId)
            && key.get()
                .userName()
                .map(IamRepository::key)
                .equals(userName.map(IamRepository::key));
    if (!owned) {
      throw new NoSuchEntityException(
          "The Access Key with id " + accessKeyId + " cannot be found.");
    }
    return key.get();
  }
}
