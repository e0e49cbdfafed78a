package dev.coffer.auth.sigv4.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SigningKeyCacheTest {
  private static final CredentialScope SCOPE =
      new CredentialScope("20150830", "us-east-1", "service");

  @Test
  void signingMac_sameScopeTwice_derivedOnceAndSameResult() {
    SigningKeyCache cache = new SigningKeyCache(8);
    byte[] first = cache.signingMac("AKID", "secret", SCOPE).doFinal(bytes("x"));
    byte[] second = cache.signingMac("AKID", "secret", SCOPE).doFinal(bytes("x"));

    assertThat(second).isEqualTo(first);
    assertThat(cache.size()).isEqualTo(1);
    assertThat(first)
        .isEqualTo(
            Hashing.hmac(
                Hashing.deriveSigningKey("secret", "20150830", "us-east-1", "service"), "x"));
  }

  @Test
  void signingMac_moreScopesThanCapacity_staysBounded() {
    SigningKeyCache cache = new SigningKeyCache(4);
    for (int day = 10; day < 30; day++) {
      cache.signingMac("AKID", "secret", new CredentialScope("201508" + day, "r", "s"));
    }

    assertThat(cache.size()).isLessThanOrEqualTo(4);
  }

  @Test
  void signingMac_otherSecretSameKeyId_otherKey() {
    SigningKeyCache cache = new SigningKeyCache(8);
    byte[] first = cache.signingMac("AKID", "secret", SCOPE).doFinal(bytes("x"));
    byte[] second = cache.signingMac("AKID", "other", SCOPE).doFinal(bytes("x"));

    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void deriveSigningKey_awsDocumentationExample_publishedKey() {
    // The worked example of the AWS SigV4 documentation ("Examples of how to derive a signing
    // key"): secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 20120215, us-east-1, iam.
    assertThat(
            Hashing.hex(
                Hashing.deriveSigningKey(
                    "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam")))
        .isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
