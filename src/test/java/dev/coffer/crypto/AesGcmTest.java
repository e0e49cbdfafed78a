package dev.coffer.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** AES-GCM with one reused Cipher per thread, and decryption inside a larger array. */
class AesGcmTest {
  static final byte[] AAD = "context".getBytes(StandardCharsets.UTF_8);

  @Test
  void decrypt_atAnOffsetInsideALargerArray_readsOnlyThatRange() {
    SecretBytes key = AesGcm.newKey();
    byte[] plain = "the value".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = AesGcm.encrypt(key, plain, AAD);
    byte[] around = new byte[5 + sealed.length + 7];
    System.arraycopy(sealed, 0, around, 5, sealed.length);
    assertThat(AesGcm.decrypt(key, around, 5, sealed.length, AAD)).isEqualTo(plain);
    assertThatThrownBy(() -> AesGcm.decrypt(key, around, 5, sealed.length + 1, AAD))
        .isInstanceOf(DecryptionException.class);
    assertThatThrownBy(() -> AesGcm.decrypt(key, around, 6, sealed.length, AAD))
        .isInstanceOf(DecryptionException.class);
    assertThatThrownBy(() -> AesGcm.decrypt(key, around, 13, sealed.length, AAD))
        .isInstanceOf(DecryptionException.class);
    assertThatThrownBy(() -> AesGcm.decrypt(key, around, -1, sealed.length, AAD))
        .isInstanceOf(DecryptionException.class);
    assertThatThrownBy(() -> AesGcm.decrypt(key, around, 5, 27, AAD))
        .isInstanceOf(DecryptionException.class);
  }

  @Test
  void oneThread_alternatingKeysAndFailures_eachMessageUsesItsOwnKey() {
    SecretBytes a = AesGcm.newKey();
    SecretBytes b = AesGcm.newKey();
    byte[] plain = "same plaintext".getBytes(StandardCharsets.UTF_8);
    byte[] underA = AesGcm.encrypt(a, plain, AAD);
    byte[] underB = AesGcm.encrypt(b, plain, AAD);
    for (int i = 0; i < 3; i++) {
      assertThat(AesGcm.decrypt(a, underA, AAD)).isEqualTo(plain);
      // The thread's Cipher was last initialised with key a: b's message must not open with it.
      assertThatThrownBy(() -> AesGcm.decrypt(a, underB, AAD))
          .isInstanceOf(DecryptionException.class);
      assertThat(AesGcm.decrypt(b, underB, AAD)).isEqualTo(plain);
      assertThatThrownBy(() -> AesGcm.decrypt(b, underB, "other".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(DecryptionException.class);
    }
    // Fresh nonces every time, so the same key and plaintext never give the same bytes.
    assertThat(AesGcm.encrypt(a, plain, AAD)).isNotEqualTo(AesGcm.encrypt(a, plain, AAD));
  }

  @Test
  void manyThreadsAtOnce_eachRoundTripsItsOwnMessages() throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Callable<Boolean>> work = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        work.add(() -> {
          for (int i = 0; i < 500; i++) {
            SecretBytes key = AesGcm.newKey();
            byte[] plain = ("thread " + thread + " message " + i).getBytes(StandardCharsets.UTF_8);
            byte[] sealed = AesGcm.encrypt(key, plain, AAD);
            if (!java.util.Arrays.equals(AesGcm.decrypt(key, sealed, AAD), plain)) {
              return false;
            }
          }
          return true;
        });
      }
      for (Future<Boolean> done : pool.invokeAll(work)) {
        assertThat(done.get()).isTrue();
      }
    }
  }
}
