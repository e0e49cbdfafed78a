package dev.coffer.secrets;

import dev.coffer.store.SecretRecord;
import dev.coffer.store.StoredValue;
import dev.coffer.store.Tx;
import dev.coffer.store.ValueType;
import dev.coffer.store.VersionRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Copies a primary secret's state onto one replica row. Values never travel as stored: each one is
 * decrypted with the primary's ARN in its encryption context and encrypted again under the
 * replica's key with the replica's ARN, so a blob copied between regions does not decrypt (AWS User
 * Guide, "Secret encryption and decryption": the context is {@code {SecretARN, SecretVersionId}}).
 */
final class ReplicaSync {
  private final SecretsService secrets;

  ReplicaSync(SecretsService secrets) {
    this.secrets = secrets;
  }

  /**
   * Brings {@code replica} in step with {@code primary} after an ordinary write, reading and
   * writing only the versions the write can have touched: those the primary's labels point to now
   * (a new version, a label moved onto an old one, a placeholder that received its value) and those
   * the replica's labels pointed to before (a version whose last label moved away, or that the
   * primary removed). Every other version is unlabelled on both sides, and no write changes an
   * unlabelled version, so the cost does not grow with how many versions the secret has.
   *
   * <p>As a guard, the two version counts are compared at the end (two row reads): a replica that
   * nevertheless holds another number of versions is copied whole with {@link #copyAll}.
   */
  void copy(Tx tx, SecretRecord primary, SecretRecord replica) {
    List<VersionRecord> versions = new ArrayList<>();
    Set<String> labelled = new LinkedHashSet<>(primary.stages().values());
    for (String id : labelled) {
      Optional<VersionRecord> pv =
          primary.labelledVersion(id).or(() -> tx.secrets().version(primary.id(), id));
      if (pv.isPresent()) {
        Optional<VersionRecord> rv =
            replica.labelledVersion(id).or(() -> tx.secrets().version(replica.id(), id));
        versions.add(sync(tx, primary, replica, pv.get(), rv));
      }
    }
    for (String id : new LinkedHashSet<>(replica.stages().values())) {
      // Unlabelled now: the replica keeps it as the primary does, unless the primary removed it
      // (an empty AWSPENDING placeholder goes with its label).
      if (!labelled.contains(id) && tx.secrets().version(primary.id(), id).isEmpty()) {
        tx.secrets().deleteVersion(replica.id(), id);
      }
    }
    SecretRecord saved = save(tx, primary, replica, versions);
    if (tx.secrets().versionCount(primary.id()) != tx.secrets().versionCount(replica.id())) {
      copyAll(tx, primary, saved);
    }
  }

  /**
   * Makes {@code replica} match {@code primary} version for version, reading every version of both:
   * for a replica just created (CreateSecret AddReplicaRegions, ReplicateSecretToRegions), and for
   * one found out of step.
   */
  void copyAll(Tx tx, SecretRecord primary, SecretRecord replica) {
    Map<String, VersionRecord> mine = new LinkedHashMap<>();
    tx.secrets().versions(replica.id()).forEach(v -> mine.put(v.versionId(), v));
    List<VersionRecord> versions = new ArrayList<>();
    for (VersionRecord pv : tx.secrets().versions(primary.id())) {
      versions.add(
          sync(tx, primary, replica, pv, Optional.ofNullable(mine.remove(pv.versionId()))));
    }
    for (String gone : mine.keySet()) {
      tx.secrets().deleteVersion(replica.id(), gone);
    }
    save(tx, primary, replica, versions);
  }

  /**
   * Gives the replica the primary's version {@code pv}: inserts it when {@code rv} (the replica's
   * copy) is missing, and fills a placeholder whose primary version has received its value.
   *
   * @return the replica's version as it now stands
   */
  private VersionRecord sync(
      Tx tx,
      SecretRecord primary,
      SecretRecord replica,
      VersionRecord pv,
      Optional<VersionRecord> rv) {
    String id = pv.versionId();
    if (rv.isEmpty()) {
      Optional<StoredValue> value = copyValue(tx, primary, replica, pv);
      VersionRecord inserted =
          new VersionRecord(
              id,
              pv.createdAt(),
              Optional.empty(),
              value.map(StoredValue::kmsKeyArn),
              value.map(StoredValue::type).orElse(ValueType.NONE));
      tx.secrets().insertVersion(replica.id(), inserted, value);
      return inserted;
    }
    VersionRecord mine = rv.get();
    if (mine.valueType() == ValueType.NONE) {
      // A placeholder (the AWSPENDING version a rotation opens) may have received its value.
      Optional<StoredValue> value = copyValue(tx, primary, replica, pv);
      if (value.isPresent()) {
        tx.secrets().writeValue(replica.id(), id, value.get());
        return new VersionRecord(
            id,
            mine.createdAt(),
            mine.lastAccessedDate(),
            Optional.of(value.get().kmsKeyArn()),
            value.get().type());
      }
    }
    return mine;
  }

  /**
   * Saves the primary's metadata and labels onto the replica; {@code versions} as it holds them.
   */
  private static SecretRecord save(
      Tx tx, SecretRecord primary, SecretRecord replica, List<VersionRecord> versions) {
    return tx.secrets()
        .update(
            replica.toBuilder()
                .description(primary.description())
                .type(primary.type())
                .owningService(primary.owningService())
                .resourcePolicy(primary.resourcePolicy())
                .tags(primary.tags())
                .labelledVersions(versions)
                .stages(primary.stages())
                .rotationEnabled(primary.rotationEnabled())
                .rotationLambdaArn(primary.rotationLambdaArn())
                .rotationRules(primary.rotationRules())
                .lastRotatedAt(primary.lastRotatedAt())
                .nextRotationAt(primary.nextRotationAt())
                .deletionAt(primary.deletionAt())
                .lastChangedAt(primary.lastChangedAt())
                .build());
  }

  /** Encrypts every value of {@code replica} again under its (new) key. */
  void reencrypt(Tx tx, SecretRecord replica) {
    for (VersionRecord v : tx.secrets().versions(replica.id())) {
      Optional<StoredValue> stored = tx.secrets().readValue(replica.id(), v.versionId());
      if (stored.isPresent()) {
        SecretPayload plain = secrets.unprotect(replica.arn(), v.versionId(), stored.get());
        try {
          tx.secrets()
              .writeValue(
                  replica.id(), v.versionId(), secrets.protect(replica, v.versionId(), plain));
        } finally {
          plain.wipe();
        }
      }
    }
  }

  /** The primary's value of {@code pv} under the replica's key and ARN; empty for a placeholder. */
  private Optional<StoredValue> copyValue(
      Tx tx, SecretRecord primary, SecretRecord replica, VersionRecord pv) {
    // Read from the store, not judged by pv: the value may have been written in this transaction,
    // after the record was loaded.
    String versionId = pv.versionId();
    Optional<StoredValue> stored = tx.secrets().readValue(primary.id(), versionId);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    SecretPayload plain = secrets.unprotect(primary.arn(), versionId, stored.get());
    try {
      return Optional.of(secrets.protect(replica, versionId, plain));
    } finally {
      plain.wipe();
    }
  }
}
