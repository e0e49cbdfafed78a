package dev.coffer.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.error.DisabledException;
import dev.coffer.core.error.KMSInvalidStateException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cached key material never hides a change of key state (MaterialCache's consistency). */
class MaterialCacheTest {
  final KmsFixture f = new KmsFixture();
  final byte[] plain = "cached".getBytes(StandardCharsets.UTF_8);

  @AfterEach
  void close() {
    f.close();
  }

  String newKey() {
    return f.kms
        .keys()
        .create(f.ctx(), new KeyService.CreateRequest("", Optional.empty(), List.of()))
        .keyId();
  }

  byte[] decrypt(byte[] ciphertext) {
    return f.kms
        .crypto()
        .decrypt(f.ctx(), ciphertext, Optional.empty(), Map.of(), false)
        .plaintext();
  }

  @Test
  void decrypt_keyDisabledAfterCachedUse_isDisabledException() {
    String keyId = newKey();
    byte[] sealed = f.kms.crypto().encrypt(f.ctx(), keyId, plain, Map.of(), false).ciphertext();
    assertThat(decrypt(sealed)).isEqualTo(plain);

    f.kms.keys().disable(f.ctx(), keyId);
    assertThatThrownBy(() -> decrypt(sealed)).isInstanceOf(DisabledException.class);
    f.kms.keys().enable(f.ctx(), keyId);
    assertThat(decrypt(sealed)).isEqualTo(plain);
  }

  @Test
  void decrypt_keyPendingDeletionAfterCachedUse_isInvalidState() {
    String keyId = newKey();
    byte[] sealed = f.kms.crypto().encrypt(f.ctx(), keyId, plain, Map.of(), false).ciphertext();
    assertThat(decrypt(sealed)).isEqualTo(plain);

    f.kms.keys().scheduleDeletion(f.ctx(), keyId, Optional.of(7));
    assertThatThrownBy(() -> decrypt(sealed)).isInstanceOf(KMSInvalidStateException.class);
  }

  @Test
  void encryptDecrypt_sameKeyAgain_reusesOneCachedVersion() {
    String keyId = newKey();
    for (int i = 0; i < 3; i++) {
      byte[] sealed = f.kms.crypto().encrypt(f.ctx(), keyId, plain, Map.of(), false).ciphertext();
      assertThat(decrypt(sealed)).isEqualTo(plain);
    }
    assertThat(f.kms.materials().size()).isEqualTo(1);
  }
}
