package dev.coffer.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.error.DecryptionFailure;
import dev.coffer.crypto.AesGcm;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

  @Test
  void keyScope_readsAccountAndRegionOfKmsKeyArnsOnly() {
    assertThat(KmsEnvelope.KeyScope.of("arn:aws:kms:us-east-1:123456789012:key/1234-abcd"))
        .contains(new KmsEnvelope.KeyScope("123456789012", "us-east-1"));
    assertThat(KmsEnvelope.KeyScope.of("arn:aws-us-gov:kms:us-gov-west-1:000000000001:key/k:x"))
        .contains(new KmsEnvelope.KeyScope("000000000001", "us-gov-west-1"));
    assertThat(KmsEnvelope.KeyScope.of("arn:aws-cn:kms:cn-north-1:123456789012:key/a"))
        .contains(new KmsEnvelope.KeyScope("123456789012", "cn-north-1"));
    for (String bad :
        List.of(
            "",
            "arn:aws:kms:us-east-1:123456789012:key/",
            "arn:aws:kms:us-east-1:123456789012:alias/a",
            "arn:aws:kms:us-east-1:12345678901:key/a",
            "arn:aws:kms:us-east-1:1234567890123:key/a",
            "arn:aws:kms:us-east-1:12345678901x:key/a",
            "arn:aws:kms::123456789012:key/a",
            "arn:aws:kms:US-EAST-1:123456789012:key/a",
            "arn:aws:secretsmanager:us-east-1:123456789012:key/a",
            "arn:AWS:kms:us-east-1:123456789012:key/a",
            "arn:aws1:kms:us-east-1:123456789012:key/a",
            "arn:aws:kms:us-east-1:123456789012:key/a\nb",
            "arn:aws:kms:us-east-1:123456789012:key/a\u2028",
            "xarn:aws:kms:us-east-1:123456789012:key/a",
            "arn:aws:kms:us-east-1:\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660\u0661\u0662:key/a")) {
      assertThat(KmsEnvelope.KeyScope.of(bad)).as(bad).isEmpty();
    }
  }

  @Test
  void unprotect_keyArnNotAKmsKeyArn_isDecryptionFailure() {
    ValueProtector envelope = f.kms.envelope(Optional.empty());
    ValueProtector.Protected p = protect(envelope, new byte[] {1, 2, 3});
    var elsewhere = new ValueProtector.Protected(p.keyArn().replace(":key/", ":alias/"), p.blob());
    assertThatThrownBy(() -> envelope.unprotect(elsewhere, CONTEXT))
        .isInstanceOf(DecryptionFailure.class);
  }
}
