package dev.coffer.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.error.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The background work of the key service: automatic rotation and deletion of expired keys. */
class KmsHousekeepingTest {
  final KmsFixture f = new KmsFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void runHousekeeping_rotationPeriodPassed_addsAutomaticMaterialAndOldCiphertextsDecrypt() {
    String keyId =
        f.kms
            .keys()
            .create(
                f.ctx(), new KeyService.CreateRequest("", Optional.empty(), java.util.List.of()))
            .keyId();
    f.kms.rotation().enable(f.ctx(), keyId, Optional.of(90));
    byte[] plain = "old".getBytes(StandardCharsets.UTF_8);
    var sealed = f.kms.crypto().encrypt(f.ctx(), keyId, plain, Map.of(), false);

    f.clock.advance(Duration.ofDays(89));
    f.kms.runHousekeeping();
    assertThat(f.kms.rotation().list(f.ctx(), keyId, false)).isEmpty();

    f.clock.advance(Duration.ofDays(2));
    f.kms.runHousekeeping();
    var rotations = f.kms.rotation().list(f.ctx(), keyId, false);
    assertThat(rotations).hasSize(1);
    assertThat(rotations.get(0).rotationType()).contains("AUTOMATIC");
    assertThat(f.kms.rotation().status(f.ctx(), keyId).next())
        .contains(java.time.Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofDays(180)));
    var opened =
        f.kms.crypto().decrypt(f.ctx(), sealed.ciphertext(), Optional.empty(), Map.of(), false);
    assertThat(opened.plaintext()).isEqualTo(plain);
    assertThat(opened.materialId()).isNotEqualTo(rotations.get(0).materialId());
  }

  @Test
  void runHousekeeping_awsManagedKey_rotatesAfterAYear() {
    String arn = f.kms.keys().describe(f.ctx(), "alias/aws/secretsmanager").arn();
    f.clock.advance(Duration.ofDays(366));
    f.kms.runHousekeeping();
    assertThat(f.kms.rotation().list(f.ctx(), arn, false)).hasSize(1);
  }

  @Test
  void runHousekeeping_pendingWindowEnded_deletesKeyAndItsAliases() {
    String keyId =
        f.kms
            .keys()
            .create(
                f.ctx(), new KeyService.CreateRequest("", Optional.empty(), java.util.List.of()))
            .keyId();
    f.kms.aliases().create(f.ctx(), "alias/doomed", keyId);
    f.kms.keys().scheduleDeletion(f.ctx(), keyId, Optional.of(7));
    f.clock.advance(Duration.ofDays(6));
    f.kms.runHousekeeping();
    assertThat(f.kms.keys().describe(f.ctx(), keyId).keyState())
        .isEqualTo(KeyState.PendingDeletion);
    f.clock.advance(Duration.ofDays(2));
    f.kms.runHousekeeping();
    assertThatThrownBy(() -> f.kms.keys().describe(f.ctx(), keyId))
        .isInstanceOf(NotFoundException.class);
    assertThat(f.kms.aliases().list(f.ctx(), Optional.empty()))
        .noneMatch(a -> a.aliasName().equals("alias/doomed"));
  }
}
