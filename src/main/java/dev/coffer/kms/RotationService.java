package dev.coffer.kms;

import dev.coffer.core.RequestContext;
import dev.coffer.core.error.LimitExceededException;
import dev.coffer.core.error.UnsupportedOperationException;
import dev.coffer.store.KeyMaterialRecord;
import dev.coffer.store.KmsKeyRecord;
import dev.coffer.store.Tx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Key material rotation: automatic (EnableKeyRotation, run by the background job when due) and
 * on-demand (RotateKeyOnDemand). Rotation adds a material version and makes it current; every older
 * version stays so that existing ciphertexts still decrypt.
 */
public final class RotationService {
  static final int DEFAULT_PERIOD_DAYS = 365;

  /** KMS RotateKeyOnDemand: at most 25 on-demand rotations per key. */
  static final int MAX_ON_DEMAND = 25;

  private final Keys keys;

  RotationService(Keys keys) {
    this.keys = keys;
  }

  public void enable(RequestContext ctx, String keyId, Optional<Integer> periodDays) {
    int days = periodDays.orElse(DEFAULT_PERIOD_DAYS);
    Instant next = keys.now().plus(Duration.ofDays(days));
    change(
        ctx,
        keyId,
        "enable",
        "EnableKeyRotation",
        k -> k.toBuilder().rotation(true, Optional.of(days), Optional.of(next)).build());
  }

  public void disable(RequestContext ctx, String keyId) {
    change(
        ctx,
        keyId,
        "disable",
        "DisableKeyRotation",
        k -> k.toBuilder().rotation(false, k.rotationPeriodDays(), Optional.empty()).build());
  }

  /** What GetKeyRotationStatus answers; period and next date only while rotation is enabled. */
  public record Status(
      String keyArn, boolean enabled, Optional<Integer> periodDays, Optional<Instant> next) {}

  public Status status(RequestContext ctx, String keyId) {
    return keys.store()
        .read(tx -> {
          KmsKeyRecord k = keys.resolve(tx, ctx.accountId(), ctx.region(), keyId, false, false);
          keys.access().authorize(ctx, "GetKeyRotationStatus", k);
          Keys.requireNotPendingDeletion(k);
          return k.rotationEnabled()
              ? new Status(k.arn(), true, k.rotationPeriodDays(), k.nextRotationAt())
              : new Status(k.arn(), false, Optional.empty(), Optional.empty());
        });
  }

  /** RotateKeyOnDemand; returns the key id. The rotation completes before the call returns. */
  public String rotateNow(RequestContext ctx, String keyId) {
    return keys.store()
        .write(tx -> {
          KmsKeyRecord k = keys.resolve(tx, ctx.accountId(), ctx.region(), keyId, false, true);
          if (Keys.awsManaged(k)) {
            throw new UnsupportedOperationException(
                k.arn()
                    + " is an AWS managed key; KMS rotates it every year and it cannot be"
                    + " rotated on demand.");
          }
          keys.access().authorize(ctx, "RotateKeyOnDemand", k);
          Keys.requireEnabled(k);
          if (k.onDemandRotations() >= MAX_ON_DEMAND) {
            throw new LimitExceededException(
                "The key "
                    + k.arn()
                    + " has reached the limit of "
                    + MAX_ON_DEMAND
                    + " on-demand rotations.");
          }
          rotate(
              tx, k.toBuilder().onDemandRotations(k.onDemandRotations() + 1).build(), "ON_DEMAND");
          return k.keyId();
        });
  }

  /** One entry of ListKeyRotations. */
  public record Rotation(
      String keyId,
      String materialId,
      boolean current,
      Optional<Instant> rotationDate,
      Optional<String> rotationType) {}

  /** ListKeyRotations, oldest first; the first material only when {@code includeFirst}. */
  public List<Rotation> list(RequestContext ctx, String keyId, boolean includeFirst) {
    return keys.store()
        .read(tx -> {
          KmsKeyRecord k = keys.resolve(tx, ctx.accountId(), ctx.region(), keyId, false, false);
          keys.access().authorize(ctx, "ListKeyRotations", k);
          Keys.requireNotPendingDeletion(k);
          return tx.kms().materials(k.keyId()).stream()
              .filter(m -> includeFirst || m.version() > 1)
              .map(m ->
                  new Rotation(
                      k.keyId(),
                      m.materialId(),
                      m.version() == k.currentVersion(),
                      m.version() > 1 ? Optional.of(m.createdAt()) : Optional.empty(),
                      m.rotationType()))
              .toList();
        });
  }

  /** Rotates every key whose automatic rotation date has come (background job). */
  public int rotateDue() {
    return keys.store()
        .write(tx -> {
          List<KmsKeyRecord> due = tx.kms().dueForRotation(keys.now(), 100);
          for (KmsKeyRecord k : due) {
            if (Keys.state(k) != KeyState.Enabled) {
              // AWS rotates disabled or pending keys once they are enabled again; keep the date.
              continue;
            }
            KmsKeyRecord full = keys.find(tx, k.accountId(), k.region(), k.keyId(), true);
            int period = full.rotationPeriodDays().orElse(DEFAULT_PERIOD_DAYS);
            Instant next = full.nextRotationAt().orElse(keys.now()).plus(Duration.ofDays(period));
            rotate(
                tx,
                full.toBuilder().rotation(true, Optional.of(period), Optional.of(next)).build(),
                "AUTOMATIC");
          }
          return due.size();
        });
  }

  private void rotate(Tx tx, KmsKeyRecord k, String type) {
    int version = k.currentVersion() + 1;
    keys.addMaterial(tx, k.keyId(), version, Optional.of(type), keys.now());
    tx.kms().updateKey(k.toBuilder().currentVersion(version).build());
  }

  private void change(
      RequestContext ctx,
      String keyId,
      String what,
      String action,
      java.util.function.UnaryOperator<KmsKeyRecord> edit) {
    keys.store()
        .execute(tx -> {
          KmsKeyRecord k = keys.resolve(tx, ctx.accountId(), ctx.region(), keyId, false, true);
          if (Keys.awsManaged(k)) {
            throw new UnsupportedOperationException(
                "You cannot "
                    + what
                    + " automatic rotation of the AWS managed key "
                    + k.arn()
                    + "; KMS rotates it every year.");
          }
          keys.access().authorize(ctx, action, k);
          Keys.requireEnabled(k);
          tx.kms().updateKey(edit.apply(k));
        });
  }

  /** The material record used for new ciphertexts. */
  static Optional<KeyMaterialRecord> current(Tx tx, KmsKeyRecord k) {
    return tx.kms().material(k.keyId(), k.currentVersion());
  }
}
