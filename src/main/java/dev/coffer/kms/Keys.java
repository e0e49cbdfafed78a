package dev.coffer.kms;

import dev.coffer.core.error.AccessDeniedException;
import dev.coffer.core.error.DisabledException;
import dev.coffer.core.error.KMSInvalidStateException;
import dev.coffer.core.error.NotFoundException;
import dev.coffer.crypto.AesGcm;
import dev.coffer.crypto.DecryptionException;
import dev.coffer.crypto.RandomBytes;
import dev.coffer.crypto.RootKeyring;
import dev.coffer.crypto.SecretBytes;
import dev.coffer.store.KeyMaterialRecord;
import dev.coffer.store.KmsAliasRecord;
import dev.coffer.store.KmsKeyRecord;
import dev.coffer.store.KmsRepository;
import dev.coffer.store.Store;
import dev.coffer.store.Tag;
import dev.coffer.store.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What every KMS operation shares: finding a key from a KeyId input, creating keys and their
 * material, the AWS managed {@code aws/secretsmanager} key, and the key-state rules.
 */
final class Keys {
  static final String DEFAULT_ALIAS = "alias/aws/secretsmanager";
  static final String CUSTOMER = "CUSTOMER";
  static final String AWS = "AWS";

  /** AWS managed keys rotate every year (KMS EnableKeyRotation: since May 2022). */
  static final int AWS_MANAGED_ROTATION_DAYS = 365;

  static final String DEFAULT_KEY_DESCRIPTION =
      "Default key that protects my Secrets Manager data when no other key is defined";

  private final Store store;
  private final KeyBarrier barrier;
  private final Clock clock;
  private final MaterialCache materials = new MaterialCache();
  private final KeyCache records = new KeyCache();
  private final KeyAccess access = new KeyAccess(new dev.coffer.policy.Authorizer());

  Keys(Store store, KeyBarrier barrier, Clock clock) {
    this.store = store;
    this.barrier = barrier;
    this.clock = clock;
  }

  /** Unwrapped material by key and version (see {@link MaterialCache} for its consistency). */
  /** Key policies' enforcement, shared by every KMS service. */
  KeyAccess access() {
    return access;
  }

  MaterialCache materials() {
    return materials;
  }

  /**
   * The key {@code keyId} of the account and region, current as of {@code tx}, from the record
   * cache when it has not changed; empty when there is no such key.
   */
  Optional<KmsKeyRecord> current(Tx tx, String accountId, String region, String keyId) {
    return records.current(tx, accountId, region, keyId);
  }

  Store store() {
    return store;
  }

  Instant now() {
    return clock.instant();
  }

  // ---- finding keys ----

  /**
   * The key a KeyId input names in the caller's account and region.
   *
   * @param allowAlias whether the operation accepts alias names and alias ARNs (cryptographic
   *     operations and DescribeKey do; management operations take a key id or key ARN only)
   */
  KmsKeyRecord resolve(
      Tx tx, String accountId, String region, String input, boolean allowAlias, boolean lock) {
    KeyRef ref = KeyRef.parse(input);
    if (ref.kind() == KeyRef.Kind.UNKNOWN || (ref.isAlias() && !allowAlias)) {
      throw new NotFoundException("Invalid keyId " + input);
    }
    if (ref.isAlias()) {
      String aliasArn = KmsArns.alias(region, accountId, ref.name());
      if (!ref.within(accountId, region)) {
        throw aliasNotFound(ref.input());
      }
      KmsAliasRecord alias =
          tx.kms()
              .findAlias(accountId, region, ref.name())
              .orElseThrow(() -> aliasNotFound(aliasArn));
      return find(tx, accountId, region, alias.targetKeyId(), lock);
    }
    if (!ref.within(accountId, region)) {
      throw keyNotFound(ref.input());
    }
    return find(tx, accountId, region, ref.name(), lock);
  }

  KmsKeyRecord find(Tx tx, String accountId, String region, String keyId, boolean lock) {
    return tx.kms()
        .findKey(accountId, region, keyId, lock)
        .orElseThrow(() -> keyNotFound(KmsArns.key(region, accountId, keyId)));
  }

  /**
   * Creates the AWS managed key when {@code input} names its predefined alias and it does not exist
   * yet: AWS associates {@code alias/aws/secretsmanager} with a key on first use (KMS DescribeKey,
   * KeyId).
   */
  void ensureDefaultIfNamed(String accountId, String region, String input) {
    KeyRef ref = KeyRef.parse(input);
    if (ref.isAlias() && ref.name().equals(DEFAULT_ALIAS) && ref.within(accountId, region)) {
      store.execute(tx -> defaultKey(tx, accountId, region));
    }
  }

  /** The account's {@code aws/secretsmanager} key in {@code region}, created on first use. */
  KmsKeyRecord defaultKey(Tx tx, String accountId, String region) {
    KmsRepository repo = tx.kms();
    Optional<KmsAliasRecord> alias = repo.findAlias(accountId, region, DEFAULT_ALIAS);
    if (alias.isPresent()) {
      return find(tx, accountId, region, alias.get().targetKeyId(), false);
    }
    Instant now = now();
    KmsKeyRecord key =
        newKey(
            tx,
            accountId,
            region,
            DEFAULT_KEY_DESCRIPTION,
            AWS,
            KeyPolicies.secretsManagerPolicy(accountId, region),
            List.of(),
            now);
    key =
        key.toBuilder()
            .rotation(
                true,
                Optional.of(AWS_MANAGED_ROTATION_DAYS),
                Optional.of(now.plus(Duration.ofDays(AWS_MANAGED_ROTATION_DAYS))))
            .build();
    repo.updateKey(key);
    if (!repo.insertAliasIfAbsent(
        new KmsAliasRecord(accountId, region, DEFAULT_ALIAS, key.keyId(), now, now))) {
      // Another node created it concurrently and committed first: use theirs.
      repo.deleteKey(key.keyId());
      String winner = repo.findAlias(accountId, region, DEFAULT_ALIAS).orElseThrow().targetKeyId();
      return find(tx, accountId, region, winner, false);
    }
    return key;
  }

  // ---- creating keys and material ----

  KmsKeyRecord newKey(
      Tx tx,
      String accountId,
      String region,
      String description,
      String keyManager,
      String policy,
      List<Tag> tags,
      Instant now) {
    String keyId = UUID.randomUUID().toString();
    KmsKeyRecord key =
        new KmsKeyRecord(
            keyId,
            accountId,
            region,
            KmsArns.key(region, accountId, keyId),
            description,
            keyManager,
            KeyState.Enabled.name(),
            now,
            Optional.empty(),
            Optional.empty(),
            false,
            Optional.empty(),
            Optional.empty(),
            0,
            1,
            policy,
            tags);
    tx.kms().insertKey(key);
    addMaterial(tx, keyId, 1, Optional.empty(), now);
    return key;
  }

  /** Generates material version {@code version} of a key and stores it wrapped. */
  void addMaterial(Tx tx, String keyId, int version, Optional<String> rotationType, Instant now) {
    SecretBytes material = RandomBytes.secret(AesGcm.KEY_BYTES);
    try {
      RootKeyring.Wrapped wrapped = barrier.wrap(keyId, version, material);
      String materialId = HexFormat.of().formatHex(RandomBytes.bytes(32));
      tx.kms()
          .insertMaterial(
              new KeyMaterialRecord(
                  keyId,
                  version,
                  materialId,
                  now,
                  rotationType,
                  wrapped.blob(),
                  wrapped.generation()));
    } finally {
      material.destroy();
    }
  }

  /**
   * Re-wraps up to {@code limit} material versions that an older root generation wraps under the
   * active one, in one transaction; returns how many it re-wrapped. A row changed meanwhile (by
   * another node's re-wrap) is left as that node wrote it.
   */
  int rewrapBatch(int limit) {
    int target = barrier.activeGeneration();
    return store.write(tx -> {
      int done = 0;
      for (KeyMaterialRecord m : tx.kms().materialsNotUnder(target, limit)) {
        SecretBytes material = unwrap(m);
        try {
          RootKeyring.Wrapped w = barrier.wrap(m.keyId(), m.version(), material);
          if (tx.kms()
              .rewrapMaterial(
                  m.keyId(), m.version(), m.rootGeneration(), w.generation(), w.blob())) {
            done++;
          }
        } finally {
          material.destroy();
        }
      }
      return done;
    });
  }

  /** How many material versions an older root generation than the active one still wraps. */
  long countNotUnderActive() {
    int target = barrier.activeGeneration();
    return store.read(tx -> tx.kms().countMaterialsNotUnder(target));
  }

  /** The material record of a key version, if the key has that version. */
  Optional<KeyMaterialRecord> materialRecord(Tx tx, String keyId, int version) {
    return tx.kms().material(keyId, version);
  }

  /** Unwraps material; the caller destroys it after use. */
  SecretBytes unwrap(KeyMaterialRecord m) {
    try {
      return barrier.unwrap(m.keyId(), m.version(), m.rootGeneration(), m.wrapped());
    } catch (DecryptionException e) {
      // The stored row does not authenticate under the root key: storage was changed or the
      // wrong root key is loaded. Not the caller's fault, and nothing to reveal.
      throw new IllegalStateException("key material of " + m.keyId() + " does not unwrap");
    }
  }

  // ---- key-state rules (KMS Developer Guide, "Key states of KMS keys") ----

  static KeyState state(KmsKeyRecord k) {
    return KeyState.valueOf(k.keyState());
  }

  /** Cryptographic operations need an enabled key. */
  static void requireEnabled(KmsKeyRecord k) {
    requireEnabled(state(k), k.arn());
  }

  /** Cryptographic operations need an enabled key; {@code arn} names it in the error. */
  static void requireEnabled(KeyState state, String arn) {
    switch (state) {
      case Enabled -> {}
      case Disabled -> throw new DisabledException(arn + " is disabled.");
      case PendingDeletion -> throw pendingDeletion(arn);
    }
  }

  static void requireNotPendingDeletion(KmsKeyRecord k) {
    if (state(k) == KeyState.PendingDeletion) {
      throw pendingDeletion(k);
    }
  }

  static KMSInvalidStateException pendingDeletion(KmsKeyRecord k) {
    return pendingDeletion(k.arn());
  }

  static KMSInvalidStateException pendingDeletion(String arn) {
    return new KMSInvalidStateException(arn + " is pending deletion.");
  }

  static boolean awsManaged(KmsKeyRecord k) {
    return AWS.equals(k.keyManager());
  }

  /**
   * AWS managed keys can't be changed by callers: their key policy grants the account only
   * read-only access (see {@link KeyPolicies#secretsManagerPolicy}).
   */
  static void requireCustomerManaged(KmsKeyRecord k, String callerArn, String action) {
    if (awsManaged(k)) {
      throw new AccessDeniedException(
          "User: "
              + callerArn
              + " is not authorized to perform: kms:"
              + action
              + " on resource: "
              + k.arn()
              + " because it is an AWS managed key");
    }
  }

  static NotFoundException keyNotFound(String keyArn) {
    return new NotFoundException("Key '" + keyArn + "' does not exist");
  }

  static NotFoundException aliasNotFound(String aliasArn) {
    return new NotFoundException("Alias " + aliasArn + " is not found.");
  }
}
