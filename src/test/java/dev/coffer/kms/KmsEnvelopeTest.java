package dev.coffer.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.error.DecryptionFailure;
import dev.coffer.crypto.AesGcm;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The secret envelope's blob format, context binding and reading of the interim format 1. */
class KmsEnvelopeTest {
  static final Map<String, String> CONTEXT =
      Map.of(
          "SecretARN",
          "arn:aws:secretsmanager:us-east-1:123456789012:secret:a-AbCdEf",
          "SecretVersionId",
          "v1");
  final KmsFixture f = new KmsFixture();

  @AfterEach
  void close() {
    f.close();
  }

  ValueProtector.Protected protect(ValueProtector p, byte[] value) {
    return f.store.write(
        tx -> p.protect(KmsFixture.ACCOUNT, KmsFixture.REGION, "", CONTEXT, value));
  }

  @Test
  void protect_defaultKey_isFormatTwoAndRoundTrips() {
    ValueProtector envelope = f.kms.envelope(Optional.empty());
    byte[] value = "top secret".getBytes(StandardCharsets.UTF_8);
    ValueProtector.Protected p = protect(envelope, value);
    assertThat(p.blob()[0]).isEqualTo(KmsEnvelope.FORMAT_ENVELOPE);
    assertThat(p.keyArn()).startsWith("arn:aws:kms:us-east-1:123456789012:key/");
    assertThat(envelope.unprotect(p, CONTEXT)).isEqualTo(value);
  }

  @Test
  void unprotect_otherContextOrChangedByte_isDecryptionFailure() {
    ValueProtector envelope = f.kms.envelope(Optional.empty());
    ValueProtector.Protected p = protect(envelope, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> envelope.unprotect(p, Map.of("SecretVersionId", "v1")))
        .isInstanceOf(DecryptionFailure.class);
    for (int i = 0; i < p.blob().length; i++) {
      byte[] changed = p.blob().clone();
      changed[i] ^= 0x10;
      var bad = new ValueProtector.Protected(p.keyArn(), changed);
      assertThatThrownBy(() -> envelope.unprotect(bad, CONTEXT))
          .as("byte %d", i)
          .isInstanceOf(DecryptionFailure.class);
    }
  }

  @Test
  void unprotect_formatOneBlob_isReadWithTheLegacyKey() {
    var legacy = new LocalKeyProtector(AesGcm.newKey());
    byte[] value = "from the core server".getBytes(StandardCharsets.UTF_8);
    ValueProtector.Protected old =
        legacy.protect(KmsFixture.ACCOUNT, KmsFixture.REGION, "", CONTEXT, value);
    assertThat(old.blob()[0]).isEqualTo(KmsEnvelope.FORMAT_LOCAL);
    assertThat(f.kms.envelope(Optional.of(legacy)).unprotect(old, CONTEXT)).isEqualTo(value);
    assertThatThrownBy(() -> f.kms.envelope(Optional.empty()).unprotect(old, CONTEXT))
        .isInstanceOf(DecryptionFailure.class);
  }
}
