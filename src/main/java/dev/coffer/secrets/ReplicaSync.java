package dev.coffer.secrets;

import dev.coffer.store.SecretRecord;
import dev.coffer.store.StoredValue;
import dev.coffer.store.Tx;
import dev.coffer.store.ValueType;
import dev.coffer.store.VersionRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
   * Makes {@code replica} match {@code primary}. What stays the replica's own: its id, region, ARN,
   * key, creation time, {@code primaryArn}, access dates, and the keys its values are under.
   */
  void copy(Tx tx, SecretRecord primary, SecretRecord replica) {
    // Every version, labelled or not, of both: a replica holds all of its primary's versions.
    Map<String, VersionRecord> mine = new LinkedHashMap<>();
    tx.secrets().versions(replica.id()).forEach(v -> mine.put(v.versionId(), v));
    List<VersionRecord> versions = new ArrayList<>();
    for (VersionRecord pv : tx.secrets().versions(primary.id())) {
      String id = pv.versionId();
      VersionRecord rv = mine.remove(id);
      if (rv == null) {
        Optional<StoredValue> value = copyValue(tx, primary, replica, id);
        rv =
            new VersionRecord(
                id,
                pv.createdAt(),
                Optional.empty(),
                value.map(StoredValue::kmsKeyArn),
                value.map(StoredValue::type).orElse(ValueType.NONE));
        tx.secrets().insertVersion(replica.id(), rv, value);
      } else if (rv.valueType() == ValueType.NONE) {
        // A placeholder (the AWSPENDING version a rotation opens) may have received its value.
        Optional<StoredValue> value = copyValue(tx, primary, replica, id);
        if (value.isPresent()) {
          tx.secrets().writeValue(replica.id(), id, value.get());
          rv =
              new VersionRecord(
                  id,
                  rv.createdAt(),
                  rv.lastAccessedDate(),
                  Optional.of(value.get().kmsKeyArn()),
                  value.get().type());
        }
      }
      versions.add(rv);
    }
    for (String gone : mine.keySet()) {
      tx.secrets().deleteVersion(replica.id(), gone);
    }
    tx.secrets()
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

  private Optional<StoredValue> copyValue(
      Tx tx, SecretRecord primary, SecretRecord replica, String versionId) {
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
